import { Alert, Group, List, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import type { MidLinkNotice } from '../../api/types.ts';
import { statusText } from '../../theme.ts';
import { LinkColorBadge } from './LinkColor.tsx';
import { authorityLabel, colorMeaning, splitRef, systemShort } from './mid.ts';

/** Notices as received; anything not shaped like one is left out (an older server sends none). */
export function linkNotices(value: unknown): MidLinkNotice[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(
    (n): n is MidLinkNotice =>
      typeof n === 'object' &&
      n !== null &&
      typeof (n as MidLinkNotice).color === 'string' &&
      typeof (n as MidLinkNotice).icf === 'string',
  );
}

/** Red links first: they are the ones the guard must act on (art. 26(4)). */
const ORDER: Readonly<Record<string, number>> = { red: 0, yellow: 1, white: 2, green: 3 };

/** One link as the warning shows it: the notice, and the answer's records it joins when they are both in it. */
export interface LinkWarning {
  notice: MidLinkNotice;
  /** Both linked records, when the answer holds both (each record brings its own notice of the one link). */
  both: [string, string] | null;
}

/**
 * The notices of an answer, one per link, red first. An answer holding both records of a link (the EES file and
 * the ETIAS application of one passport) has a notice from each: the link is shown once, with both records.
 */
export function linkWarnings(notices: readonly MidLinkNotice[]): LinkWarning[] {
  const byLink = new Map<string, MidLinkNotice[]>();
  for (const n of notices) {
    byLink.set(n.linkId, [...(byLink.get(n.linkId) ?? []), n]);
  }
  return [...byLink.values()]
    .map((group): LinkWarning => {
      const records = [...new Set(group.map((n) => n.record))];
      const [first, second] = records;
      return {
        notice: group[0]!,
        both: first !== undefined && second !== undefined ? [first, second] : null,
      };
    })
    .sort((a, b) => (ORDER[a.notice.color] ?? 9) - (ORDER[b.notice.color] ?? 9));
}

function LinkedRecord({ value }: { value: MidLinkNotice['other'] }) {
  const intl = useIntl();
  if (typeof value === 'string') {
    const { system, id } = splitRef(value);
    return (
      <>
        {systemShort(intl, system)}{' '}
        <Text span ff="monospace" size="xs">
          {id}
        </Text>
      </>
    );
  }
  return <>{systemShort(intl, value.system)}</>;
}

/**
 * The links of a record as a warning (Regs. (EU) 2019/817 and 2019/818 art. 26; SBC art. 8(4a)): a link is no
 * refusal by itself. The panel says the colour and its meaning, the identity confirmation file's number and
 * authority responsible for it, the other record's system, and what to do: consult the CIR and SIS and give the
 * person the chance to explain.
 */
export function LinkWarnings({
  notices,
  headingId = 'mid-warning-title',
}: {
  notices: readonly MidLinkNotice[];
  /** The heading's id, unique on the page (a list of results shows one panel per result). */
  headingId?: string;
}) {
  const intl = useIntl();
  if (notices.length === 0) {
    return null;
  }
  const ordered = linkWarnings(notices);
  return (
    <Alert
      color={statusText.warning}
      variant="outline"
      data-testid="mid-warning"
      aria-labelledby={headingId}
      styles={{ root: { borderWidth: 2 } }}
    >
      <Title order={2} size="h4" id={headingId}>
        <FormattedMessage id="mid.warning.title" />
      </Title>
      <Text size="sm" mt={4} data-testid="mid-warning-action">
        <FormattedMessage id="mid.warning.action" />
      </Text>
      <List spacing="sm" listStyleType="none" p={0} mt="sm">
        {ordered.map(({ notice: n, both }) => (
          <List.Item key={n.linkId} data-testid="mid-notice" data-color={n.color} data-link-id={n.linkId}>
            <Stack gap={2}>
              <Group gap="xs">
                <LinkColorBadge color={n.color} />
                <Text size="sm">{colorMeaning(intl, n.color)}</Text>
              </Group>
              <Text size="sm">
                <FormattedMessage
                  id={both === null ? 'mid.warning.details' : 'mid.warning.detailsBoth'}
                  values={{
                    icf: (
                      <Text span ff="monospace" fw={700}>
                        {n.icf}
                      </Text>
                    ),
                    other: <LinkedRecord value={n.other} />,
                    first: both === null ? null : <LinkedRecord value={both[0]} />,
                    second: both === null ? null : <LinkedRecord value={both[1]} />,
                    authority: `${authorityLabel(intl, n.verifier.authorityType)} (${n.verifier.memberState})`,
                  }}
                />
              </Text>
            </Stack>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
