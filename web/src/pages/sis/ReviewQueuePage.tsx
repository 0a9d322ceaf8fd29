import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { SisReviewQueue } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusColours, statusText } from '../../theme.ts';
import { categoryLabel } from './ActionFirst.tsx';
import { AlertActions } from './AlertActions.tsx';
import { ALERT_PURPOSE } from './catalogue.ts';
import { alertSubject } from './subject.ts';

type Item = SisReviewQueue['items'][number];

/**
 * The review queue of the SIRENE Bureau (Regulation (EU) 2018/1862 art. 53; 2018/1861 art. 39): the alerts of
 * its member state whose review date falls within the advance-warning window, soonest first. Each is kept
 * after a recorded individual assessment, or deleted with a reason; one not kept is deleted automatically.
 */
export default function ReviewQueuePage() {
  const intl = useIntl();
  const { api } = useSession();
  const [queue, setQueue] = useState<SisReviewQueue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api<SisReviewQueue>('/sis/review-queue', { purpose: ALERT_PURPOSE, signal: controller.signal }).then(
      setQueue,
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e);
        }
      },
    );
    return () => controller.abort();
  }, [api]);

  const drop = (id: string, text: string) => {
    setQueue((q) => (q === null ? q : { ...q, items: q.items.filter((i) => i.alert.id !== id) }));
    setNotice(text);
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <PageTitle id="sisReview.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage id="sisReview.intro" />
        </Text>
      </Stack>
      <div role="status" aria-live="polite">
        {notice !== null && (
          <Alert color={statusText.success} variant="outline" data-testid="review-notice">
            <Text size="sm">{notice}</Text>
          </Alert>
        )}
      </div>
      {error !== null && <ErrorAlert error={error} title="sisReview.failed" />}
      {queue === null && error === null && <InlineLoader label="sisReview.loading" />}
      {queue !== null && (
        <>
          <Text data-testid="review-summary">
            <FormattedMessage
              id="sisReview.summary"
              values={{ count: queue.items.length, until: formatDate(intl, queue.until) }}
            />
          </Text>
          <Stack gap="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {queue.items.map((item: Item) => (
              <Paper component="li" key={item.alert.id} withBorder p="md" data-testid="review-item">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start">
                    <Stack gap={2}>
                      <Title order={2} size="h4">
                        <Anchor href={`#/sis/alerts/${encodeURIComponent(item.alert.id)}`}>
                          {alertSubject(item.alert)}
                        </Anchor>
                      </Title>
                      <Text size="sm">
                        {categoryLabel(intl, item.alert.category)} · {item.alert.id}
                      </Text>
                    </Stack>
                    <Badge
                      color={item.daysLeft <= 14 ? statusColours.danger : statusColours.warning}
                      variant="filled"
                      radius="sm"
                    >
                      <FormattedMessage id="sisReview.daysLeft" values={{ days: item.daysLeft }} />
                    </Badge>
                  </Group>
                  <Text size="sm">
                    <FormattedMessage
                      id="sisAlert.reviewDue"
                      values={{ date: formatDate(intl, item.alert.reviewDue), basis: item.alert.reviewBasis }}
                    />{' '}
                    {item.noticeAt === null ? (
                      <FormattedMessage id="sisReview.noNotice" />
                    ) : (
                      <FormattedMessage
                        id="sisReview.notice"
                        values={{ at: <PlaceTime at={item.noticeAt} relativeTo={Date.now()} /> }}
                      />
                    )}
                  </Text>
                  <AlertActions
                    alert={item.alert}
                    onExtended={(updated) =>
                      drop(
                        updated.id,
                        intl.formatMessage(
                          { id: 'sisReview.extended' },
                          { id: updated.id, date: formatDate(intl, updated.reviewDue) },
                        ),
                      )
                    }
                    onDeleted={(on) =>
                      drop(
                        item.alert.id,
                        intl.formatMessage(
                          { id: 'sisReview.deleted' },
                          { id: item.alert.id, date: formatDate(intl, on) },
                        ),
                      )
                    }
                  />
                </Stack>
              </Paper>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
