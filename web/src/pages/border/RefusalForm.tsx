import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { Bcp, DocumentHolder, EesRefusal } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { RefusalNoticeButton } from './RefusalNotice.tsx';

/**
 * The letters of the standard form of Regulation (EU) 2016/399 Annex V Part B, in its order. The ETIAS
 * Regulation (EU) 2018/1240 art. 84 added "no valid travel authorisation"; the form is printed with it as
 * (J) [K: the letter is unconfirmed, regulations digest §11 item 10]. The interface records it as `ETIAS`.
 */
export const FORM_GROUNDS = [
  ['A', 'A'],
  ['B', 'B'],
  ['C', 'C'],
  ['D', 'D'],
  ['E', 'E'],
  ['F', 'F'],
  ['G', 'G'],
  ['H', 'H'],
  ['I', 'I'],
  ['J', 'ETIAS'],
] as const;

/**
 * The standard form for refusal of entry at the border (Regulation (EU) 2016/399 art. 14(2), Annex V Part B),
 * filled from the refusal just recorded: the person, the document, the crossing point, the date and time, the
 * grounds ticked and the officer. It prints on its own (see `.refusal-form` in styles.css): the traveller
 * receives a copy, so nothing else of the screen — findings, SIS alerts, discreet checks — is printed with it.
 */
export function RefusalForm({
  holder,
  refusal,
  bcp,
}: {
  holder: DocumentHolder;
  refusal: EesRefusal;
  bcp: Bcp;
}) {
  const intl = useIntl();
  const { user } = useSession();
  const ticked = new Set(refusal.reasons);
  const field = (label: MessageId, value: string, testId: string) => (
    <div className="refusal-form-field" data-testid={`refusal-form-${testId}`}>
      <Text component="dt" size="xs" c="dimmed">
        <FormattedMessage id={label} />
      </Text>
      <Text component="dd" m={0} fw={600}>
        {value === '' ? '—' : value}
      </Text>
    </div>
  );
  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby="refusal-form-title"
      data-testid="refusal-form-section"
    >
      <Group justify="space-between">
        <Title order={2} size="h4">
          <FormattedMessage id="refusalForm.ready" />
        </Title>
        <Button variant="outline" onClick={() => window.print()} data-testid="print-refusal-form">
          <FormattedMessage id="refusalForm.print" />
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="border.refusalNotice.description" />
      </Text>
      <RefusalNoticeButton refusalId={refusal.id} />
      <article className="refusal-form" data-testid="refusal-form">
        <Title order={3} size="h3" id="refusal-form-title">
          <FormattedMessage id="refusalForm.title" />
        </Title>
        <Text size="sm">
          <FormattedMessage
            id="refusalForm.intro"
            values={{
              state: bcp.memberStateAlpha3,
              bcp: `${bcp.name} (${bcp.id})`,
              date: formatDate(intl, refusal.date),
              time: <PlaceTime at={refusal.at} zone={bcp.timeZone} />,
              officer: `${user.displayName}, ${user.authority.name}`,
            }}
          />
        </Text>
        <dl className="refusal-form-fields">
          {field('holder.surname', holder.surname, 'surname')}
          {field('holder.givenNames', holder.givenNames, 'given-names')}
          {field('holder.birthDate', formatDate(intl, holder.birthDate), 'birth-date')}
          {field('holder.sex', holder.sex, 'sex')}
          {field('holder.nationality', holder.nationality, 'nationality')}
          {field(
            'holder.document',
            `${holder.documentType.replace(/<+$/u, '')} ${holder.documentNumber} (${holder.issuingState})`,
            'document',
          )}
        </dl>
        <Text size="sm">
          <FormattedMessage id="refusalForm.refused" />
        </Text>
        <ul className="refusal-form-grounds" data-testid="refusal-form-grounds">
          {FORM_GROUNDS.map(([letter, code]) => (
            <li key={letter} data-ground={letter} data-ticked={ticked.has(code) ? 'yes' : 'no'}>
              <span aria-hidden className="refusal-form-box">
                {ticked.has(code) ? '☒' : '☐'}
              </span>{' '}
              <FormattedMessage
                id={ticked.has(code) ? 'refusalForm.ground.ticked' : 'refusalForm.ground'}
                values={{ letter, meaning: intl.formatMessage({ id: `refusal.ground.${code}` }) }}
              />
            </li>
          ))}
        </ul>
        <Text size="sm">
          <FormattedMessage id="refusalForm.appeal" />
        </Text>
        <div className="refusal-form-signatures">
          <Text size="sm">
            <FormattedMessage id="refusalForm.signature.person" />
          </Text>
          <Text size="sm">
            <FormattedMessage id="refusalForm.signature.officer" values={{ officer: user.displayName }} />
          </Text>
        </div>
      </article>
    </Stack>
  );
}
