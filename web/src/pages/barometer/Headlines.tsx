import { Card, Group, SimpleGrid, Text, useComputedColorScheme } from '@mantine/core';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';

import type { MessageId } from '../../i18n/messages.ts';
import { Count } from './ChartCard.tsx';
import type { BarometerAnswer, BarometerHeadline } from './types.ts';

/** A figure's name in the interface's language (the catalogue's English label when no message exists). */
export function figureLabel(intl: IntlShape, code: string, fallback?: string): string {
  const id = `barometer.figure.${code}`;
  return id in intl.messages ? intl.formatMessage({ id: id as MessageId }) : (fallback ?? code);
}

/** A dimension's value in the interface's language, e.g. `entry` → "Entries"; unknown codes as they are. */
export function valueLabel(intl: IntlShape, dim: string, value: string): string {
  const id = `barometer.value.${dim}.${value}`;
  return id in intl.messages ? intl.formatMessage({ id: id as MessageId }) : value;
}

export function headlineLabel(intl: IntlShape, h: BarometerHeadline): string {
  const restriction = Object.entries(h.filters).map(([dim, value]) => valueLabel(intl, dim, value));
  const name = figureLabel(intl, h.figure);
  return restriction.length === 0 ? name : `${name} · ${restriction.join(', ')}`;
}

/** The change against the previous period: an arrow and a signed percentage, with words for screen readers. */
function Change({ change }: { change: number | null }) {
  const intl = useIntl();
  const dark = useComputedColorScheme('light') === 'dark';
  if (change === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="headline-change" data-change="none">
        <FormattedMessage id="barometer.change.none" />
      </Text>
    );
  }
  const percent = intl.formatNumber(Math.abs(change), { style: 'percent', maximumFractionDigits: 1 });
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'same';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▶';
  return (
    <Text
      size="sm"
      fw={600}
      // Rise and fall are neither good nor bad in themselves: two hues, the arrow and the words tell them apart.
      c={
        direction === 'up'
          ? dark
            ? '#74c0fc'
            : '#1864ab'
          : direction === 'down'
            ? dark
              ? '#ffa94d'
              : '#a63c06'
            : undefined
      }
      data-testid="headline-change"
      data-change={direction}
    >
      <span aria-hidden>{arrow} </span>
      <FormattedMessage id={`barometer.change.${direction}`} values={{ percent }} />
    </Text>
  );
}

/** The headline numbers of the period, each with the previous period's and the change. */
export function Headlines({ answer }: { answer: BarometerAnswer }) {
  const intl = useIntl();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm" data-testid="headlines">
      {answer.headlines.map((h) => {
        const label = headlineLabel(intl, h);
        return (
          <Card
            key={`${h.figure}-${JSON.stringify(h.filters)}`}
            withBorder
            padding="sm"
            data-testid="headline"
            data-figure={h.figure}
            data-filters={JSON.stringify(h.filters)}
          >
            <Text size="sm">{label}</Text>
            <Text fz={28} fw={700} lh={1.2} data-testid="headline-value">
              <Count value={h.value} minCell={answer.minCell} />
            </Text>
            <Group gap="xs" wrap="wrap">
              <Change change={h.change} />
              <Text size="xs" c="dimmed">
                <FormattedMessage id="barometer.previous" />{' '}
                <Count value={h.previous} minCell={answer.minCell} />
              </Text>
            </Group>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
