import { Alert, Anchor, Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { SisAlert } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import { PlaceTime } from '../../format/PlaceTime.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusText } from '../../theme.ts';
import { ActionFirst, categoryLabel } from './ActionFirst.tsx';
import { AlertActions } from './AlertActions.tsx';
import { ALERT_PURPOSE } from './catalogue.ts';

/** Rows of a definition list: label id, value, and a test id. Empty values are left out. */
export type Row = [MessageId, ReactNode, string];

export function DetailList({ rows, cols = 3 }: { rows: Row[]; cols?: number }) {
  const intl = useIntl();
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: cols }} spacing="sm" verticalSpacing="xs" m={0}>
      {shown.map(([label, value, key]) => (
        <div key={key} data-testid={`field-${key}`}>
          <Text component="dt" size="xs" c="dimmed">
            {intl.formatMessage({ id: label })}
          </Text>
          <Text component="dd" m={0} fw={600}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Section({ id, title, children }: { id: string; title: MessageId; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        <FormattedMessage id={title} />
      </Title>
      {children}
    </Stack>
  );
}

/**
 * One alert in full for SIRENE and the police: the action to be taken and the warning markers first, then
 * what the alert is about, the decision it rests on, its review date, and the review actions of the issuer.
 */
export function AlertDetail({ id, readPurposes = [] }: { id: string; readPurposes?: readonly string[] }) {
  const intl = useIntl();
  const { api, purpose: chosen } = useSession();
  // Read under the purpose chosen for the session when it is one the alert may be read for, else as alert
  // management (the alert just entered, or opened by its id); changes are always alert management.
  const readPurpose = chosen !== null && readPurposes.includes(chosen) ? chosen : ALERT_PURPOSE;
  const [alert, setAlert] = useState<SisAlert | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deletedOn, setDeletedOn] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setAlert(null);
    setError(null);
    api<SisAlert>(`/sis/alerts/${encodeURIComponent(id)}`, {
      purpose: readPurpose,
      signal: controller.signal,
    }).then(setAlert, (e: unknown) => {
      if (!controller.signal.aborted) {
        setError(e);
      }
    });
    return () => controller.abort();
  }, [api, id, readPurpose]);

  const title = <PageTitle id="sisAlert.title" values={{ id }} />;
  if (error !== null) {
    return (
      <Stack gap="lg" maw={1100}>
        {title}
        <ErrorAlert error={error} title="sisAlert.loadFailed" />
      </Stack>
    );
  }
  if (alert === null) {
    return (
      <Stack gap="lg" maw={1100}>
        {title}
        <InlineLoader label="sisAlert.loading" />
      </Stack>
    );
  }
  const p = alert.person;
  const o = alert.object;
  const code = (prefix: string, value: string | undefined) => {
    if (value === undefined) {
      return undefined;
    }
    const key = `${prefix}.${value}`;
    return key in intl.messages ? intl.formatMessage({ id: key as MessageId }) : value;
  };

  return (
    <Stack gap="lg" maw={1100} data-testid="alert-detail" data-alert-id={alert.id}>
      <Stack gap={4}>
        {title}
        <Group gap="xs">
          <Badge variant="outline" color="dark" radius="sm">
            {categoryLabel(intl, alert.category)}
          </Badge>
          <Text size="sm" c="dimmed">
            {alert.legalBasis}
          </Text>
        </Group>
      </Stack>
      <div role="status" aria-live="polite">
        {notice !== null && (
          <Alert color={statusText.success} variant="outline" data-testid="alert-notice">
            <Text size="sm">{notice}</Text>
          </Alert>
        )}
      </div>
      <ActionFirst
        action={alert.action}
        warningMarkers={alert.warningMarkers}
        discreet={alert.covert}
        urgent={alert.urgent}
      />
      {p !== undefined && (
        <Section id="alert-person" title="sisAlert.person">
          <DetailList
            cols={4}
            rows={[
              ['sisForm.surname', p.surname, 'surname'],
              ['sisForm.givenNames', p.givenNames, 'givenNames'],
              [
                'sisForm.birthDate',
                p.birthDate === undefined ? undefined : formatDate(intl, p.birthDate),
                'birthDate',
              ],
              ['sisForm.sex', code('sisForm.sex', p.sex), 'sex'],
              ['sisForm.nationalities', p.nationalities?.join(', '), 'nationalities'],
              ['sisForm.aliases', p.aliases?.join(', '), 'aliases'],
              ['sisForm.placeOfBirth', p.placeOfBirth, 'placeOfBirth'],
              ['sisForm.physicalCharacteristics', p.physicalCharacteristics, 'physicalCharacteristics'],
              ['sisForm.dactyloscopicRef', p.dactyloscopicRef, 'dactyloscopicRef'],
              [
                'sisAlert.documents',
                p.documents?.map((d) => `${d.type} ${d.number} (${d.issuingCountry})`).join('; '),
                'documents',
              ],
            ]}
          />
        </Section>
      )}
      {o !== undefined && (
        <Section id="alert-object" title="sisAlert.object">
          <DetailList
            rows={[
              ['sisForm.objectType', code('sis.objectType', o.type), 'objectType'],
              [
                'sisAlert.identifiers',
                o.identifiers
                  .map(
                    (i) =>
                      `${code('sis.identifierKind', i.kind) ?? i.kind} ${i.value}${i.country ? ` (${i.country})` : ''}`,
                  )
                  .join('; '),
                'identifiers',
              ],
              ['sisForm.make', o.make, 'make'],
              ['sisForm.model', o.model, 'model'],
              ['sisForm.colour', o.colour, 'colour'],
              ['sisForm.description', o.description, 'description'],
            ]}
          />
        </Section>
      )}
      <Section id="alert-decision" title="sisAlert.decision">
        <DetailList
          rows={[
            [
              'sisForm.missingSubcategory',
              code('sisForm.missing', alert.missingSubcategory),
              'missingSubcategory',
            ],
            ['sisForm.checkType', code('sisForm.checkType', alert.checkType), 'checkType'],
            ['sisForm.reason', alert.reason, 'reason'],
            ['sisForm.decisionRef', alert.decisionRef, 'decisionRef'],
            ['sisForm.offenceType', alert.offenceType, 'offenceType'],
            [
              'sisForm.decisionValidUntil',
              alert.decisionValidUntil === undefined ? undefined : formatDate(intl, alert.decisionValidUntil),
              'decisionValidUntil',
            ],
            [
              'sisAlert.issuedBy',
              alert.issuingAuthority === undefined
                ? alert.issuingState
                : intl.formatMessage(
                    { id: 'sisAlert.issuedBy.value' },
                    { authority: alert.issuingAuthority, state: alert.issuingState },
                  ),
              'issuedBy',
            ],
            ['sisAlert.createdAt', <PlaceTime key="c" at={alert.createdAt} />, 'createdAt'],
            ['sisAlert.updatedAt', <PlaceTime key="u" at={alert.updatedAt} />, 'updatedAt'],
            [
              'sisAlert.links',
              alert.links === undefined || alert.links.length === 0 ? undefined : (
                <Group gap="xs" component="span">
                  {alert.links.map((l) => (
                    <Anchor key={l} href={`#/sis/alerts/${encodeURIComponent(l)}`}>
                      {l}
                    </Anchor>
                  ))}
                </Group>
              ),
              'links',
            ],
          ]}
        />
      </Section>
      <Section id="alert-review" title="sisAlert.review">
        {deletedOn === null ? (
          <>
            <Text data-testid="review-due">
              <FormattedMessage
                id="sisAlert.reviewDue"
                values={{ date: formatDate(intl, alert.reviewDue), basis: alert.reviewBasis }}
              />
            </Text>
            <AlertActions
              alert={alert}
              onExtended={(updated) => {
                setAlert(updated);
                setNotice(
                  intl.formatMessage(
                    { id: 'sisAlert.extended' },
                    { date: formatDate(intl, updated.reviewDue) },
                  ),
                );
              }}
              onDeleted={(on) => {
                setDeletedOn(on);
                setNotice(intl.formatMessage({ id: 'sisAlert.deleted' }, { date: formatDate(intl, on) }));
              }}
            />
          </>
        ) : (
          <Text fw={700} data-testid="alert-deleted">
            <FormattedMessage id="sisAlert.deleted" values={{ date: formatDate(intl, deletedOn) }} />
          </Text>
        )}
      </Section>
    </Stack>
  );
}
