import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';

import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { ErrorAlert } from '../../shell/ErrorAlert.tsx';
import { PageTitle } from '../../shell/PageTitle.tsx';
import { statusColours, statusText } from '../../theme.ts';
import {
  EDUCATION_LEVELS,
  LEGAL_BASES,
  OCCUPATION_GROUPS,
  RISK_TYPES,
  sexOrAgeAlone,
  type Rule,
  type RulePredicates,
} from './rulesTypes.ts';

const PURPOSE = 'etias-examination';
const BASE = '/etias/screening-rules';
const CODE = /^[A-Z]{3}$/u;

interface Draft {
  name: string;
  riskType: string | null;
  legalBasis: string | null;
  boardReference: string;
  ageMin: number | string;
  ageMax: number | string;
  sex: string | null;
  nationalities: string[];
  residenceCountries: string[];
  residenceCities: string[];
  educationLevels: string[];
  occupationGroups: string[];
}

const EMPTY: Draft = {
  name: '',
  riskType: null,
  legalBasis: null,
  boardReference: '',
  ageMin: '',
  ageMax: '',
  sex: null,
  nationalities: [],
  residenceCountries: [],
  residenceCities: [],
  educationLevels: [],
  occupationGroups: [],
};

function draftOf(rule: Rule): Draft {
  const p = rule.predicates;
  return {
    name: rule.name,
    riskType: rule.riskType,
    legalBasis: rule.legalBasis,
    boardReference: rule.boardReference,
    ageMin: p.ageRange?.min ?? '',
    ageMax: p.ageRange?.max ?? '',
    sex: p.sex ?? null,
    nationalities: p.nationalities ?? [],
    residenceCountries: p.residenceCountries ?? [],
    residenceCities: p.residenceCities ?? [],
    educationLevels: p.educationLevels ?? [],
    occupationGroups: p.occupationGroups ?? [],
  };
}

/** The predicates of the form: only the art. 33(4) fields exist in it. */
function predicatesOf(d: Draft): RulePredicates {
  const list = (v: string[]) => (v.length > 0 ? v : undefined);
  const age = {
    ...(typeof d.ageMin === 'number' ? { min: d.ageMin } : {}),
    ...(typeof d.ageMax === 'number' ? { max: d.ageMax } : {}),
  };
  const p: RulePredicates = {
    ...(Object.keys(age).length > 0 ? { ageRange: age } : {}),
    ...(d.sex !== null ? { sex: d.sex as 'M' | 'F' | 'X' } : {}),
  };
  const lists = {
    nationalities: list(d.nationalities),
    residenceCountries: list(d.residenceCountries),
    residenceCities: list(d.residenceCities),
    educationLevels: list(d.educationLevels),
    occupationGroups: list(d.occupationGroups),
  };
  for (const [k, v] of Object.entries(lists)) {
    if (v !== undefined) {
      (p as Record<string, unknown>)[k] = v;
    }
  }
  return p;
}

function RuleEditor({ rule, onSaved }: { rule: Rule | null; onSaved: (rule: Rule) => void }) {
  const intl = useIntl();
  const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(rule === null ? EMPTY : draftOf(rule));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    setDraft(rule === null ? EMPTY : draftOf(rule));
    setDirty(false);
  }, [rule]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDirty(true);
  };
  const predicates = predicatesOf(draft);
  const empty = Object.keys(predicates).length === 0;
  const alone = sexOrAgeAlone(predicates);
  const complete =
    draft.name.trim() !== '' &&
    draft.riskType !== null &&
    draft.legalBasis !== null &&
    draft.boardReference.trim() !== '';

  const run = async (work: () => Promise<Rule>) => {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await work();
      setDirty(false);
      onSaved(saved);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const body = {
    name: draft.name.trim(),
    riskType: draft.riskType,
    legalBasis: draft.legalBasis,
    boardReference: draft.boardReference.trim(),
    predicates,
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (empty || alone || !complete) {
      return;
    }
    void run(() =>
      rule === null
        ? api<Rule>(BASE, { method: 'POST', purpose: PURPOSE, body })
        : api<Rule>(`${BASE}/${rule.id}/versions`, {
            method: 'POST',
            purpose: PURPOSE,
            body: { ...body, expectedVersion: rule.version },
          }),
    );
  };
  const measure = () => {
    if (rule !== null) {
      void run(() => api<Rule>(`${BASE}/${rule.id}/impact`, { method: 'POST', purpose: PURPOSE }));
    }
  };
  const activate = () => {
    if (rule !== null) {
      void run(() =>
        api<Rule>(`${BASE}/${rule.id}/activate`, {
          method: 'POST',
          purpose: PURPOSE,
          body: { expectedVersion: rule.version },
        }),
      );
    }
  };
  const retire = () => {
    if (rule !== null) {
      void run(() => api<Rule>(`${BASE}/${rule.id}/retire`, { method: 'POST', purpose: PURPOSE }));
    }
  };
  const impact = rule?.impact ?? null;
  const canActivate = rule !== null && rule.status === 'draft' && impact !== null && !dirty;
  const countryData = (values: string[]) => values.filter((v) => CODE.test(v));

  return (
    <Paper withBorder p="md" data-testid="rule-editor">
      <form onSubmit={save} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {rule === null ? (
              <FormattedMessage id="etias.rules.new" />
            ) : (
              <FormattedMessage
                id="etias.rules.editing"
                values={{
                  name: rule.name,
                  version: rule.version,
                  status: t(`etias.rules.status.${rule.status}` as MessageId),
                }}
              />
            )}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('etias.rules.name')}
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              required
            />
            <TextInput
              label={t('etias.rules.boardReference')}
              description={t('etias.rules.boardReference.hint')}
              value={draft.boardReference}
              onChange={(e) => set('boardReference', e.currentTarget.value)}
              required
            />
            <Select
              label={t('etias.rules.riskType')}
              data={RISK_TYPES.map((r) => ({ value: r, label: t(`etias.rules.risk.${r}` as MessageId) }))}
              value={draft.riskType}
              onChange={(v) => set('riskType', v)}
              required
            />
            <Select
              label={t('etias.rules.legalBasis')}
              data={LEGAL_BASES.map((b) => ({ value: b, label: t(`etias.rules.basis.${b}` as MessageId) }))}
              value={draft.legalBasis}
              onChange={(v) => set('legalBasis', v)}
              required
            />
          </SimpleGrid>
          <Title order={3} size="h5">
            <FormattedMessage id="etias.rules.predicates" />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="etias.rules.predicates.hint" />
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Group grow>
              <NumberInput
                label={t('etias.rules.ageMin')}
                min={0}
                max={130}
                allowDecimal={false}
                value={draft.ageMin}
                onChange={(v) => set('ageMin', v)}
              />
              <NumberInput
                label={t('etias.rules.ageMax')}
                min={0}
                max={130}
                allowDecimal={false}
                value={draft.ageMax}
                onChange={(v) => set('ageMax', v)}
              />
            </Group>
            <Select
              label={t('etias.rules.sex')}
              data={['M', 'F', 'X'].map((s) => ({ value: s, label: t(`etias.rules.sex.${s}` as MessageId) }))}
              value={draft.sex}
              onChange={(v) => set('sex', v)}
              clearable
            />
            <TagsInput
              label={t('etias.rules.nationalities')}
              description={t('etias.rules.codes.hint')}
              value={draft.nationalities}
              onChange={(v) => set('nationalities', countryData(v.map((s) => s.trim().toUpperCase())))}
            />
            <TagsInput
              label={t('etias.rules.residenceCountries')}
              description={t('etias.rules.codes.hint')}
              value={draft.residenceCountries}
              onChange={(v) => set('residenceCountries', countryData(v.map((s) => s.trim().toUpperCase())))}
            />
            <TagsInput
              label={t('etias.rules.residenceCities')}
              value={draft.residenceCities}
              onChange={(v) => set('residenceCities', v)}
            />
            <MultiSelect
              label={t('etias.rules.education')}
              data={EDUCATION_LEVELS.map((e) => ({
                value: e,
                label: t(`etias.rules.education.${e}` as MessageId),
              }))}
              value={draft.educationLevels}
              onChange={(v) => set('educationLevels', v)}
            />
            <MultiSelect
              label={t('etias.rules.occupation')}
              data={OCCUPATION_GROUPS.map((o) => ({ value: o, label: o }))}
              value={draft.occupationGroups}
              onChange={(v) => set('occupationGroups', v)}
              searchable
            />
          </SimpleGrid>
          {alone && (
            <Alert color={statusText.danger} variant="outline" role="alert" data-testid="sex-age-alone">
              <FormattedMessage id="etias.rules.sexAgeAlone" />
            </Alert>
          )}
          {failure !== null && <ErrorAlert error={failure} title="etias.rules.failed" />}
          <Group>
            <Button
              type="submit"
              loading={busy}
              disabled={empty || alone || !complete || (rule !== null && !dirty)}
            >
              {rule === null ? (
                <FormattedMessage id="etias.rules.saveDraft" />
              ) : (
                <FormattedMessage id="etias.rules.saveVersion" />
              )}
            </Button>
          </Group>
          {rule !== null && rule.status !== 'retired' && (
            <Stack gap="xs" data-testid="rule-impact">
              <Title order={3} size="h5">
                <FormattedMessage id="etias.rules.impact" />
              </Title>
              {impact === null ? (
                <Text size="sm" data-testid="impact-missing">
                  <FormattedMessage id="etias.rules.impact.missing" values={{ version: rule.version }} />
                </Text>
              ) : (
                <Text size="sm" data-testid="impact-figures">
                  <FormattedMessage
                    id="etias.rules.impact.figures"
                    values={{
                      matched: impact.matched,
                      total: impact.total,
                      issued: impact.matchedIssued,
                      from: formatDate(intl, impact.from),
                      to: formatDate(intl, impact.to),
                      share: (
                        <FormattedNumber value={impact.share} style="percent" maximumFractionDigits={2} />
                      ),
                    }}
                  />
                </Text>
              )}
              <Group>
                <Button
                  variant="default"
                  onClick={measure}
                  loading={busy}
                  disabled={dirty || rule.status !== 'draft'}
                >
                  <FormattedMessage id="etias.rules.measure" />
                </Button>
                <Button onClick={activate} loading={busy} disabled={!canActivate} data-testid="activate">
                  <FormattedMessage id="etias.rules.activate" />
                </Button>
                <Button variant="default" onClick={retire} loading={busy}>
                  <FormattedMessage id="etias.rules.retire" />
                </Button>
              </Group>
              {rule.status === 'draft' && impact === null && (
                <Text size="xs" c="dimmed">
                  <FormattedMessage id="etias.rules.activate.needsImpact" />
                </Text>
              )}
            </Stack>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * Screening rules (Reg. (EU) 2018/1240 art. 33): the Central Unit writes a rule over the permitted fields only,
 * measures the share of past applications it would send to manual processing, and only then activates it.
 */
export default function ScreeningRulesPage() {
  const intl = useIntl();
  const { api } = useSession();
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const load = useCallback(() => {
    api<{ items: Rule[] }>(BASE, { purpose: PURPOSE }).then(
      (r) => setRules(r.items),
      (e: unknown) => setFailure(e),
    );
  }, [api]);
  useEffect(load, [load]);
  const current = useMemo(() => rules?.find((r) => r.id === selected) ?? null, [rules, selected]);

  return (
    <Stack gap="md">
      <PageTitle id="etias.rules.title" />
      <Text size="sm">
        <FormattedMessage id="etias.rules.intro" />
      </Text>
      {failure !== null && <ErrorAlert error={failure} title="etias.rules.failed" />}
      <Group>
        <Button
          variant="default"
          onClick={() => {
            setSelected(null);
            setCreating(true);
          }}
        >
          <FormattedMessage id="etias.rules.new" />
        </Button>
      </Group>
      {rules?.length === 0 && (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="etias.rules.none" />
        </Text>
      )}
      <Stack
        gap={4}
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label={intl.formatMessage({ id: 'etias.rules.list' })}
      >
        {rules?.map((r) => (
          <li key={r.id}>
            <Group gap="sm">
              <Button
                variant={r.id === selected ? 'light' : 'subtle'}
                onClick={() => {
                  setCreating(false);
                  setSelected(r.id);
                }}
                data-testid="rule-row"
              >
                {r.name}
              </Button>
              <Badge
                variant="filled"
                color={
                  r.status === 'active'
                    ? statusColours.success
                    : r.status === 'draft'
                      ? statusColours.warning
                      : 'gray'
                }
              >
                <FormattedMessage id={`etias.rules.status.${r.status}` as MessageId} />
              </Badge>
              <Text size="xs" c="dimmed">
                <FormattedMessage
                  id="etias.rules.row"
                  values={{ version: r.version, reviewDue: formatDate(intl, r.reviewDue), author: r.author }}
                />
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
      {(creating || current !== null) && (
        <RuleEditor
          rule={creating ? null : current}
          onSaved={(saved) => {
            setCreating(false);
            setSelected(saved.id);
            setRules((list) => [saved, ...(list ?? []).filter((r) => r.id !== saved.id)]);
          }}
        />
      )}
    </Stack>
  );
}
