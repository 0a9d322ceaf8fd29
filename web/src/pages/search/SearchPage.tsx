import { Button, Fieldset, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { useSession } from '../../auth/session.tsx';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { InlineLoader } from '../../shell/InlineLoader.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusText } from '../../theme.ts';
import { FIELD_GROUPS, useSearchProfile, type QueryField } from './searchProfiles.ts';
import { SystemAnswer, systemName } from './SearchResults.tsx';
import { useSearchStream } from './useSearchStream.ts';

const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Query = Partial<Record<QueryField, string>>;

function QueryInput({
  field,
  value,
  onChange,
  error,
}: {
  field: QueryField;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  if (field === 'sex') {
    return (
      <Select
        label={t('search.field.sex')}
        placeholder={t('search.field.sex.any')}
        data={[
          { value: 'F', label: t('search.field.sex.F') },
          { value: 'M', label: t('search.field.sex.M') },
          { value: 'X', label: t('search.field.sex.X') },
        ]}
        value={value === '' ? null : value}
        onChange={(v) => onChange(v ?? '')}
        clearable
        name="sex"
      />
    );
  }
  const upper = ['nationality', 'documentIssuingState', 'plateCountry', 'vin', 'containerNumber'].includes(
    field,
  );
  const descriptionKey = `search.field.${field}.description`;
  return (
    <TextInput
      label={t(`search.field.${field}`)}
      description={
        descriptionKey in intl.messages ? intl.formatMessage({ id: descriptionKey as MessageId }) : undefined
      }
      name={field}
      value={value}
      onChange={(e) => onChange(upper ? e.currentTarget.value.toUpperCase() : e.currentTarget.value)}
      error={error}
      autoComplete="off"
      spellCheck={false}
    />
  );
}

/**
 * The European Search Portal (Regulation (EU) 2019/817 Arts. 6-9): one query, every system the officer's
 * search profile allows, each system's answer shown as it arrives, with only the fields the profile may see.
 * The form offers only the fields the profile may query with.
 */
export default function SearchPage() {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { purposeLabels } = useSession();
  const { loading, profile, error } = useSearchProfile();
  const [query, setQuery] = useState<Query>({});
  const [birthDateError, setBirthDateError] = useState(false);
  const stream = useSearchStream();

  if (loading || error !== null) {
    return (
      <Stack gap="lg" maw={720}>
        <PageTitle id="search.title" />
        {loading ? (
          <InlineLoader label="search.profile.loading" />
        ) : (
          <ErrorAlert error={error} title="search.profile.failed" />
        )}
      </Stack>
    );
  }
  if (profile === null) {
    return (
      <Stack gap="lg" maw={720}>
        <PageTitle id="search.title" />
        <Text>
          <FormattedMessage id="search.noProfile" />
        </Text>
      </Stack>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: Record<string, string> = {};
    for (const field of profile.queryFields) {
      const value = query[field]?.trim() ?? '';
      if (value !== '') {
        body[field] = value;
      }
    }
    if (body.birthDate !== undefined && !BIRTH_DATE.test(body.birthDate)) {
      setBirthDateError(true);
      return;
    }
    setBirthDateError(false);
    stream.search(profile.purpose, body);
  };
  const clear = () => {
    setQuery({});
    setBirthDateError(false);
    stream.reset();
  };

  const answered = new Set(stream.answers.map((a) => a.system));
  const waiting = stream.running && !stream.done ? profile.systems.filter((s) => !answered.has(s)) : [];
  const started = stream.running || stream.done || stream.answers.length > 0;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <PageTitle id="search.title" />
        <Text c="dimmed" size="sm">
          <FormattedMessage
            id="search.intro"
            values={{
              purpose: purposeLabels.get(profile.purpose) ?? profile.purpose,
              systems: profile.systems.map((s) => systemName(intl, s)).join(', '),
            }}
          />
        </Text>
      </Stack>
      <form onSubmit={submit} aria-label={t('search.form')}>
        <Stack gap="md">
          {FIELD_GROUPS.map((group) => {
            const fields = group.fields.filter((f: QueryField) => profile.queryFields.includes(f));
            if (fields.length === 0) {
              return null;
            }
            return (
              <Fieldset
                key={group.id}
                legend={t(`search.group.${group.id}`)}
                data-testid={`group-${group.id}`}
              >
                <SimpleGrid cols={{ base: 1, sm: 2, lg: group.id === 'identity' ? 5 : 4 }}>
                  {fields.map((field) => (
                    <QueryInput
                      key={field}
                      field={field}
                      value={query[field] ?? ''}
                      onChange={(value) => setQuery((q) => ({ ...q, [field]: value }))}
                      error={
                        field === 'birthDate' && birthDateError ? t('search.birthDate.invalid') : undefined
                      }
                    />
                  ))}
                </SimpleGrid>
              </Fieldset>
            );
          })}
          <Group gap="sm">
            <Button type="submit" loading={stream.running}>
              <FormattedMessage id="search.submit" />
            </Button>
            <Button type="button" variant="default" onClick={clear}>
              <FormattedMessage id="search.clear" />
            </Button>
          </Group>
        </Stack>
      </form>
      {stream.error !== null && <ErrorAlert error={stream.error} title="search.failed" />}
      <div role="status" aria-live="polite" data-testid="search-progress">
        {started && stream.error === null && (
          <Group gap="xs">
            {stream.running && <Loader size="xs" aria-hidden />}
            <Text size="sm">
              {stream.done ? (
                <FormattedMessage id="search.done" values={{ count: stream.answers.length }} />
              ) : (
                <FormattedMessage
                  id="search.progress"
                  values={{ answered: stream.answers.length, total: profile.systems.length }}
                />
              )}
            </Text>
          </Group>
        )}
        {stream.failed !== null && (
          <Text size="sm" c={statusText.danger}>
            {stream.failed}
          </Text>
        )}
      </div>
      {stream.answers.length > 0 && (
        <Stack gap="xl" data-testid="search-answers">
          {stream.answers.map((answer) => (
            <SystemAnswer key={answer.system} answer={answer} />
          ))}
        </Stack>
      )}
      {waiting.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="search-waiting">
          <FormattedMessage
            id="search.waiting"
            values={{ systems: waiting.map((s) => systemName(intl, s)).join(', ') }}
          />
        </Text>
      )}
    </Stack>
  );
}
