import '../../shell/counters.css';

import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { HomeCounter } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { useCounters } from '../../shell/counters.tsx';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { screensFor } from '../../shell/navigation.ts';
import { PageTitle } from '../../shell/PageTitle.tsx';

/** One figure as a card that leads to the list it counts; the severity colours the number and the edge. */
function CounterCard({ counter }: { counter: HomeCounter }) {
  const intl = useIntl();
  const { user } = useSession();
  const label = intl.formatMessage(
    { id: `home.counter.${counter.id}` as MessageId },
    { count: counter.value, memberState: user.authority.memberState },
  );
  const chain = counter.status !== undefined;
  return (
    <Card
      component="a"
      href={counter.href}
      withBorder
      padding="md"
      className="home-counter"
      data-severity={counter.severity}
      data-testid="home-counter"
      data-counter-id={counter.id}
    >
      <Text className="home-counter-value" fz={chain ? 24 : 32} fw={700} lh={1.2}>
        {chain ? (
          <FormattedMessage
            id={counter.status === 'verified' ? 'home.chain.verified' : 'home.chain.broken'}
          />
        ) : (
          intl.formatNumber(counter.value)
        )}
      </Text>
      <Text size="sm">{label}</Text>
      {chain && (
        <Text size="xs" c="dimmed">
          <FormattedMessage id="home.chain.checked" values={{ count: counter.value }} />
        </Text>
      )}
    </Card>
  );
}

/**
 * The landing screen of every role: who is signed in, the figures that matter to the role (each a link to the
 * filtered list it counts, refreshed every minute and when the window regains focus), and the role's screens.
 */
export function HomePage() {
  const intl = useIntl();
  const { user } = useSession();
  const { counters, error, refresh } = useCounters();
  const others = screensFor(user.authority.type, user.permissions).filter(
    (s) => s.id !== 'home' && s.linked !== false,
  );
  // Coming back to the home screen shows the figures as they are now.
  useEffect(() => refresh(), [refresh]);
  return (
    <Stack maw={960}>
      <PageTitle id="home.title" values={{ name: user.displayName }} />
      <Text>
        <FormattedMessage id="home.intro" values={{ authority: user.authority.name }} />
      </Text>
      {(counters === null || counters.length > 0) && (
        <section aria-labelledby="home-counters-title">
          <Title order={2} size="h4" id="home-counters-title" mb="sm">
            <FormattedMessage id="home.counters" />
          </Title>
          {error !== null && <ErrorAlert error={error} title="home.counters.failed" />}
          {counters === null && error === null && <InlineLoader label="home.counters.loading" />}
          {counters !== null && (
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
              {counters.map((c) => (
                <CounterCard key={c.id} counter={c} />
              ))}
            </SimpleGrid>
          )}
        </section>
      )}
      <Title order={2} size="h4">
        <FormattedMessage id="home.screens" />
      </Title>
      {others.length === 0 ? (
        <Text>
          <FormattedMessage id="home.noScreens" />
        </Text>
      ) : (
        <List>
          {others.map((screen) => (
            <List.Item key={screen.id}>
              <Anchor href={`#${screen.path}`}>{intl.formatMessage({ id: screen.label })}</Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
