import { Button, Group, Paper, Stack, Table, Text, Title, useComputedColorScheme } from '@mantine/core';
import { useId, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { send } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { saveTextFile } from '../../shell/table/csv.ts';
import { chartOption, type ChartSeries } from './charts.ts';
import { EChart, type EChartHandle } from './EChart.tsx';
import { STATS_PURPOSE } from './stats.ts';

/** A count as the tables show it: suppressed cells as "< 5", never as 0. */
export function Count({ value, minCell }: { value: number | null; minCell: number }) {
  const intl = useIntl();
  if (value === null) {
    return (
      <span title={intl.formatMessage({ id: 'barometer.suppressed.title' }, { min: minCell })}>
        <FormattedMessage id="barometer.suppressed" values={{ min: minCell }} />
      </span>
    );
  }
  return <>{intl.formatNumber(value)}</>;
}

/** Where a chart's CSV comes from: the statistics API's own CSV of the figure as the chart asks it. */
export interface CsvSource {
  figure: string;
  params: Record<string, string>;
  fileName: string;
}

/**
 * One chart of the Barometer+ with its title, its data as a real table (shown on request), and its exports:
 * the API's CSV of the figure, and a PNG of the chart as drawn.
 */
export function ChartCard({
  id,
  title,
  titleValues,
  kind,
  categories,
  categoryHeader,
  series,
  minCell,
  csv,
  loading,
  error,
  note,
  horizontal,
  percent,
  height = 260,
}: {
  id: string;
  title: MessageId;
  titleValues?: Record<string, string>;
  kind: 'line' | 'bar' | 'stacked-bar';
  categories: string[];
  categoryHeader: MessageId;
  series: ChartSeries[];
  minCell: number;
  csv: CsvSource | null;
  loading: boolean;
  error: unknown;
  note?: React.ReactNode;
  horizontal?: boolean;
  percent?: boolean;
  height?: number;
}) {
  const intl = useIntl();
  const { token } = useSession();
  const dark = useComputedColorScheme('light') === 'dark';
  const [showTable, setShowTable] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const chart = useRef<EChartHandle>(null);
  const headingId = useId();
  const tableId = useId();
  const titleText = intl.formatMessage({ id: title }, titleValues);
  const empty = series.every((s) => s.values.every((v) => v === 0));
  const description = intl.formatMessage({ id: 'barometer.chart.description' }, { title: titleText });
  const option = useMemo(
    () => chartOption({ kind, categories, series, dark, description, horizontal, percent }),
    [kind, categories, series, dark, description, horizontal, percent],
  );

  const downloadCsv = async () => {
    if (csv === null) {
      return;
    }
    setExportError(null);
    try {
      const response = await send(
        `/stats/figures/${encodeURIComponent(csv.figure)}`,
        { token, purpose: STATS_PURPOSE, query: { ...csv.params, format: 'csv' } },
        'text/csv',
      );
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      saveTextFile(await response.text(), csv.fileName);
    } catch (cause) {
      setExportError(cause);
    }
  };

  const downloadPng = () => {
    const url = chart.current?.dataUrl(dark ? '#242424' : '#ffffff') ?? null;
    if (url === null) {
      return;
    }
    const link = document.createElement('a');
    link.href = url;
    link.download = (csv?.fileName ?? `barometer-${id}.csv`).replace(/\.csv$/, '.png');
    document.body.append(link);
    link.click();
    link.remove();
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`chart-${id}`}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {titleText}
        </Title>
        {note !== undefined && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
        {error !== null && error !== undefined && <ErrorAlert error={error} title="barometer.chart.failed" />}
        {loading && <InlineLoader label="barometer.loading" />}
        {!loading && (error === null || error === undefined) && (
          <>
            {empty ? (
              <Text size="sm" data-testid="chart-empty">
                <FormattedMessage id="barometer.chart.empty" />
              </Text>
            ) : (
              <div role="img" aria-label={titleText} data-testid="chart-canvas">
                <EChart ref={chart} option={option} height={height} />
              </div>
            )}
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                aria-expanded={showTable}
                aria-controls={tableId}
                onClick={() => setShowTable((v) => !v)}
                data-testid="toggle-table"
              >
                <FormattedMessage id={showTable ? 'barometer.table.hide' : 'barometer.table.show'} />
              </Button>
              {csv !== null && (
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => void downloadCsv()}
                  data-testid="export-csv"
                >
                  <FormattedMessage id="barometer.export.csv" />
                </Button>
              )}
              {!empty && (
                <Button variant="default" size="xs" onClick={downloadPng} data-testid="export-png">
                  <FormattedMessage id="barometer.export.png" />
                </Button>
              )}
            </Group>
            {exportError !== null && <ErrorAlert error={exportError} title="barometer.export.failed" />}
            <div id={tableId} hidden={!showTable}>
              {showTable && (
                <Table.ScrollContainer minWidth={320}>
                  <Table striped withTableBorder data-testid="chart-table">
                    <caption>{titleText}</caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">
                          <FormattedMessage id={categoryHeader} />
                        </Table.Th>
                        {series.map((s) => (
                          <Table.Th scope="col" key={s.name} ta="right">
                            {s.name}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {categories.map((c, i) => (
                        <Table.Tr key={c}>
                          <Table.Th scope="row" fw={400}>
                            {c}
                          </Table.Th>
                          {series.map((s) => (
                            <Table.Td key={s.name} ta="right">
                              {percent === true && s.values[i] !== null ? (
                                `${intl.formatNumber(s.values[i] ?? 0, { maximumFractionDigits: 1 })} %`
                              ) : (
                                <Count value={s.values[i] ?? null} minCell={minCell} />
                              )}
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </div>
          </>
        )}
      </Stack>
    </Paper>
  );
}
