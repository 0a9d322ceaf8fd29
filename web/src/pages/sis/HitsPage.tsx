import { Anchor, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams } from 'wouter';

import type { SisHitsResponse } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { categoryLabel } from './ActionFirst.tsx';
import { EXCHANGE_PURPOSE } from './catalogue.ts';
import { Deadline, useNow } from './Deadline.tsx';
import { deadlineState, orderHits } from './deadline.ts';
import { HitDetail } from './HitDetail.tsx';
import { ShortId } from '../../shell/ShortId.tsx';

/** The SIRENE exchange queue: hits of the bureau's member state, overdue first, each with its deadline. */
function HitList() {
  const intl = useIntl();
  const { api } = useSession();
  const now = useNow();
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const [answer, setAnswer] = useState<SisHitsResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setAnswer(null);
    setError(null);
    api<SisHitsResponse>('/sis/hits', {
      purpose: EXCHANGE_PURPOSE,
      query: { open: scope === 'open' ? 'true' : 'false', limit: 200 },
      signal: controller.signal,
    }).then(setAnswer, (e: unknown) => {
      if (!controller.signal.aborted) {
        setError(e);
      }
    });
    return () => controller.abort();
  }, [api, scope]);

  const hits = answer === null ? [] : orderHits(answer.hits, now);
  const overdue = hits.filter((h) => deadlineState(h, now) === 'overdue').length;

  return (
    <Stack gap="lg" maw={1200}>
      <Stack gap={4}>
        <PageTitle id="sisHits.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="sisHits.intro" />
        </Text>
      </Stack>
      <SegmentedControl
        aria-label={intl.formatMessage({ id: 'sisHits.scope' })}
        value={scope}
        onChange={(v) => setScope(v === 'all' ? 'all' : 'open')}
        data={[
          { value: 'open', label: intl.formatMessage({ id: 'sisHits.scope.open' }) },
          { value: 'all', label: intl.formatMessage({ id: 'sisHits.scope.all' }) },
        ]}
        w="fit-content"
      />
      {error !== null && <ErrorAlert error={error} title="sisHits.failed" />}
      {answer === null && error === null && <InlineLoader label="sisHits.loading" />}
      {answer !== null && (
        <>
          <Text role="status" data-testid="hits-summary">
            <FormattedMessage id="sisHits.summary" values={{ count: hits.length, overdue }} />
          </Text>
          {hits.length > 0 && (
            <Table.ScrollContainer minWidth={800}>
              <Table
                striped
                highlightOnHover
                data-testid="hits-table"
                aria-label={intl.formatMessage({ id: 'sisHits.caption' })}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">
                      <FormattedMessage id="sisHits.col.deadline" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="sisHits.col.hit" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="sisHits.col.reportedBy" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="sisHits.col.place" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="sisHits.col.reportedAt" />
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {hits.map((h) => (
                    <Table.Tr
                      key={h.id}
                      data-testid="hit-row"
                      data-hit-id={h.id}
                      data-state={deadlineState(h, now)}
                    >
                      <Table.Td>
                        <Deadline hit={h} now={now} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor href={`#/sis/hits/${encodeURIComponent(h.id)}`} fw={600}>
                          {h.category === null
                            ? intl.formatMessage({ id: 'sisHits.discreetHit' })
                            : categoryLabel(intl, h.category)}
                        </Anchor>
                        <ShortId id={h.alertId} />
                      </Table.Td>
                      <Table.Td>
                        {h.reportingAuthority} ({h.reportingState})
                      </Table.Td>
                      <Table.Td>{h.place}</Table.Td>
                      <Table.Td>
                        <PlaceTime at={h.createdAt} relativeTo={now} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

/**
 * SIRENE hit handling (Regulation (EU) 2018/1862 arts. 7-8): the exchange queue, and at `#/sis/hits/:id` one
 * hit with the action to be taken first and its supplementary-information exchange.
 */
export default function HitsPage() {
  const params = useParams<{ id?: string }>();
  if (params.id !== undefined) {
    return <HitDetail key={params.id} id={decodeURIComponent(params.id)} />;
  }
  return <HitList />;
}
