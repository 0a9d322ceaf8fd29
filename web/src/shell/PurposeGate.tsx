import { Button, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { useSession } from '../auth/session.tsx';

/**
 * The purpose a screen works under (GDPR Art. 5(1)(b); every access is logged with it: EES art. 46, SIS
 * 2018/1862 art. 12): among the purposes the screen can serve, those the user's profile allows. One is used as
 * it is; among several, the one chosen in the header for this session, or the user is asked before the
 * screen shows anything. The choice is kept for the session and can be changed in the header.
 */
export function PurposeGate({
  purposes,
  children,
}: {
  /** The purposes this screen's requests can be made for, in order of preference. */
  purposes: readonly string[];
  children: (purpose: string) => ReactNode;
}) {
  const intl = useIntl();
  const { allowedPurposes, purpose, setPurpose } = useSession();
  const options = allowedPurposes.filter((p) => purposes.includes(p.code));
  const [choice, setChoice] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  if (options.length === 0) {
    // The profile allows none of them: the server explains the refusal of the first request.
    return children(purposes[0] ?? '');
  }
  if (options.length === 1) {
    return children(options[0]!.code);
  }
  if (purpose !== null && options.some((p) => p.code === purpose)) {
    return children(purpose);
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice === null) {
      setMissing(true);
      return;
    }
    setPurpose(choice);
  };
  return (
    <Paper withBorder p="md" maw={640} data-testid="purpose-gate">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            <FormattedMessage id="purposeGate.title" />
          </Title>
          <Text size="sm">
            <FormattedMessage id="purposeGate.intro" />
          </Text>
          <Radio.Group
            label={intl.formatMessage({ id: 'shell.purpose' })}
            value={choice}
            onChange={(v) => {
              setChoice(v);
              setMissing(false);
            }}
            error={missing ? intl.formatMessage({ id: 'purposeGate.required' }) : undefined}
            required
          >
            <Stack gap="xs" mt="xs">
              {options.map((p) => (
                <Radio key={p.code} value={p.code} label={p.label} />
              ))}
            </Stack>
          </Radio.Group>
          <div>
            <Button type="submit">
              <FormattedMessage id="purposeGate.submit" />
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
