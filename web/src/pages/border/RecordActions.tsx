import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { Bcp, BorderCheckResult, DocumentHolder, VisaData } from '../../api/types.ts';
import { useSession } from '../../auth/session.tsx';
import { formatDate } from '../../format/datetime.ts';
import type { MessageId } from '../../i18n/messages.ts';
import { DayInput } from '../../shell/DayInput.tsx';
import { statusColours, statusText } from '../../theme.ts';
import { RefusalForm } from './RefusalForm.tsx';

/** The purpose every border guard request states (Regulation (EU) 2017/2226 Art. 23). */
export const BORDER_PURPOSE = 'border-control';

/** Grounds of refusal of entry: Regulation (EU) 2016/399 Annex V Part B, and a missing ETIAS authorisation. */
export const REFUSAL_GROUNDS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'ETIAS'] as const;

type FileKind = 'visa-exempt' | 'visa-holder';
type Fingerprints = 'captured' | 'under-12' | 'physical-impossibility' | 'temporary-impossibility';
type Mode = 'entry' | 'refusal';

interface VisaForm {
  stickerNumber: string;
  issuingState: string;
  type: 'C' | 'LTV';
  entries: '1' | '2' | 'multiple';
  durationOfStay: number | string;
  validFrom: string | null;
  validUntil: string | null;
}

/** References into the biometric store of what the counter captured; the images never pass through here. */
const fingerprintSet = () => ({
  hand: 'right' as const,
  index: `fp:${newIdempotencyKey()}`,
  middle: `fp:${newIdempotencyKey()}`,
  ring: `fp:${newIdempotencyKey()}`,
  little: `fp:${newIdempotencyKey()}`,
});

/** The individual file built from the document holder (EES arts. 16(1), 17(1)). */
export function newFileBody(holder: DocumentHolder, kind: FileKind, prints: Fingerprints) {
  const sex = ['M', 'F', 'X'].includes(holder.sex) ? holder.sex : 'U';
  return {
    kind,
    surname: holder.surname,
    givenNames: holder.givenNames,
    birthDate: holder.birthDate,
    nationalities: [holder.nationality],
    sex,
    documents: [
      {
        type: holder.documentType.replace(/<+$/, '') || 'P',
        number: holder.documentNumber,
        issuingState: holder.issuingState,
        expiry: holder.expiryDate,
      },
    ],
    // The live facial image taken at the counter (EES art. 15), by reference.
    facialImageRef: `live:${newIdempotencyKey()}`,
    ...(kind === 'visa-exempt'
      ? prints === 'captured'
        ? { fingerprints: fingerprintSet() }
        : { fingerprintExemption: prints }
      : {}),
  };
}

function visaBody(form: VisaForm): VisaData {
  return {
    stickerNumber: form.stickerNumber.trim(),
    issuingState: form.issuingState.trim().toUpperCase(),
    type: form.type,
    entries: form.entries === 'multiple' ? 'multiple' : form.entries === '2' ? 2 : 1,
    durationOfStay: Number(form.durationOfStay),
    validFrom: form.validFrom ?? '',
    validUntil: form.validUntil ?? '',
  };
}

function NewFileFields({
  kind,
  onKind,
  prints,
  onPrints,
}: {
  kind: FileKind;
  onKind: (kind: FileKind) => void;
  prints: Fingerprints;
  onPrints: (prints: Fingerprints) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  return (
    <Stack gap="sm">
      <Radio.Group label={t('actions.kind')} value={kind} onChange={onKind} name="file-kind">
        <Group mt={4}>
          <Radio value="visa-exempt" label={t('ees.kind.visa-exempt')} />
          <Radio value="visa-holder" label={t('ees.kind.visa-holder')} />
        </Group>
      </Radio.Group>
      {kind === 'visa-exempt' && (
        <Radio.Group
          label={t('actions.fingerprints')}
          description={t('actions.fingerprints.description')}
          value={prints}
          onChange={onPrints}
          name="fingerprints"
        >
          <Stack gap={6} mt={4}>
            <Radio value="captured" label={t('actions.fingerprints.captured')} />
            <Radio value="under-12" label={t('actions.fingerprints.under-12')} />
            <Radio value="physical-impossibility" label={t('actions.fingerprints.physical-impossibility')} />
            <Radio
              value="temporary-impossibility"
              label={t('actions.fingerprints.temporary-impossibility')}
            />
          </Stack>
        </Radio.Group>
      )}
      <Text size="sm" c="dimmed">
        <FormattedMessage id="actions.facialImage" />
      </Text>
    </Stack>
  );
}

function VisaFields({ visa, onVisa }: { visa: VisaForm; onVisa: (visa: VisaForm) => void }) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const set = <K extends keyof VisaForm>(key: K, value: VisaForm[K]) => onVisa({ ...visa, [key]: value });
  return (
    <Fieldset legend={t('actions.visa')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          label={t('actions.visa.sticker')}
          value={visa.stickerNumber}
          onChange={(e) => set('stickerNumber', e.currentTarget.value)}
          required
          autoComplete="off"
        />
        <TextInput
          label={t('actions.visa.issuingState')}
          description={t('actions.visa.issuingState.description')}
          value={visa.issuingState}
          onChange={(e) => set('issuingState', e.currentTarget.value.toUpperCase())}
          maxLength={3}
          required
          autoComplete="off"
        />
        <Select
          label={t('actions.visa.type')}
          data={[
            { value: 'C', label: t('actions.visa.type.C') },
            { value: 'LTV', label: t('actions.visa.type.LTV') },
          ]}
          value={visa.type}
          onChange={(v) => set('type', v === 'LTV' ? 'LTV' : 'C')}
          allowDeselect={false}
        />
        <Select
          label={t('actions.visa.entries')}
          data={[
            { value: '1', label: t('actions.visa.entries.1') },
            { value: '2', label: t('actions.visa.entries.2') },
            { value: 'multiple', label: t('actions.visa.entries.multiple') },
          ]}
          value={visa.entries}
          onChange={(v) => set('entries', v === '2' ? '2' : v === 'multiple' ? 'multiple' : '1')}
          allowDeselect={false}
        />
        <NumberInput
          label={t('actions.visa.duration')}
          value={visa.durationOfStay}
          onChange={(v) => set('durationOfStay', v)}
          min={1}
          max={90}
          required
        />
        <DayInput
          label="actions.visa.validFrom"
          value={visa.validFrom}
          onChange={(v) => set('validFrom', v)}
          required
        />
        <DayInput
          label="actions.visa.validUntil"
          value={visa.validUntil}
          onChange={(v) => set('validUntil', v)}
          required
        />
      </SimpleGrid>
    </Fieldset>
  );
}

/**
 * What the guard records after the check (EES arts. 16-18): a first entry with a new individual file, an entry,
 * an exit, or a refusal with its grounds. Every click sends fresh `Idempotency-Key`s, so a retried request is
 * recorded once.
 */
export function RecordActions({
  result,
  bcp,
  onRecorded,
  onFailed,
}: {
  result: BorderCheckResult;
  bcp: Bcp;
  onRecorded: (notice: string) => void;
  onFailed: (error: unknown) => void;
}) {
  const intl = useIntl();
  const t = (id: MessageId) => intl.formatMessage({ id });
  const { api } = useSession();
  const holder = result.holder;
  const details = result.ees.file;
  const present = details?.history.records.some((r) => r.exit === null) ?? false;
  // A refusal recorded at this crossing point today, with no entry since: the decision is taken (SBC art. 14),
  // so no entry is offered on this check, and the standard form is ready to print.
  const refusedToday =
    details?.history.refusals
      ?.filter(
        (r) =>
          r.date === result.bcp.localDate &&
          r.bcp === bcp.id &&
          !details.history.records.some((e) => e.entry.at > r.at),
      )
      .at(-1) ?? null;
  const suggested = [
    ...new Set(result.findings.flatMap((f) => (f.refusalGround === undefined ? [] : [f.refusalGround]))),
  ];

  const [mode, setMode] = useState<Mode | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<FileKind>('visa-exempt');
  const [prints, setPrints] = useState<Fingerprints>('captured');
  const [familyMember, setFamilyMember] = useState(false);
  const [grounds, setGrounds] = useState<string[]>(suggested);
  const [groundsError, setGroundsError] = useState(false);
  const [visa, setVisa] = useState<VisaForm>({
    stickerNumber: '',
    issuingState: bcp.memberStateAlpha3,
    type: 'C',
    entries: 'multiple',
    durationOfStay: 90,
    validFrom: null,
    validUntil: null,
  });
  const formRef = useRef<HTMLFormElement>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (mode !== null) {
      formRef.current?.querySelector<HTMLElement>('input:not([type=hidden]), button')?.focus();
    }
  }, [mode]);

  if (holder === null) {
    return null;
  }
  const fileKind: FileKind = details?.file.kind ?? kind;

  const open = (next: Mode) => (event: { currentTarget: HTMLButtonElement }) => {
    openerRef.current = event.currentTarget;
    setGroundsError(false);
    setMode(next);
  };
  const close = () => {
    setMode(null);
    openerRef.current?.focus();
  };

  const write = <T,>(path: string, body: unknown) =>
    api<T>(path, {
      method: 'POST',
      purpose: BORDER_PURPOSE,
      body,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });

  const run = async (task: () => Promise<string>) => {
    setBusy(true);
    try {
      const notice = await task();
      setMode(null);
      onRecorded(notice);
    } catch (error) {
      onFailed(error);
    } finally {
      setBusy(false);
    }
  };

  const fileId = async (): Promise<string> => {
    if (details !== null) {
      return details.file.id;
    }
    const created = await write<{ id: string }>('/ees/files', newFileBody(holder, kind, prints));
    return created.id;
  };

  const recordEntry = () =>
    run(async () => {
      const id = await fileId();
      const record = await write<{ entry: { date: string; bcp: string }; authorisedUntil: string | null }>(
        `/ees/files/${encodeURIComponent(id)}/entries`,
        {
          at: new Date().toISOString(),
          bcpId: bcp.id,
          ...(familyMember ? { familyMember: true } : {}),
          ...(fileKind === 'visa-holder' && !familyMember ? { visa: visaBody(visa) } : {}),
        },
      );
      // No stay is authorised beyond the travel document's validity (SBC art. 6(1)(a)): the traveller is told
      // the earlier of the two dates.
      const until =
        record.authorisedUntil !== null &&
        holder.expiryDate !== '' &&
        holder.expiryDate < record.authorisedUntil
          ? holder.expiryDate
          : record.authorisedUntil;
      return intl.formatMessage(
        { id: until === null ? 'actions.done.entry' : 'actions.done.entryUntil' },
        {
          date: formatDate(intl, record.entry.date),
          bcp: record.entry.bcp,
          until: until === null ? '' : formatDate(intl, until),
        },
      );
    });

  const recordExit = () =>
    run(async () => {
      const id = await fileId();
      const record = await write<{ exit: { date: string; bcp: string } | null }>(
        `/ees/files/${encodeURIComponent(id)}/exits`,
        { at: new Date().toISOString(), bcpId: bcp.id },
      );
      return intl.formatMessage(
        { id: 'actions.done.exit' },
        { date: formatDate(intl, record.exit?.date ?? ''), bcp: record.exit?.bcp ?? bcp.id },
      );
    });

  const recordRefusal = () =>
    run(async () => {
      const id = await fileId();
      const refusal = await write<{ date: string; bcp: string; reasons: string[] }>(
        `/ees/files/${encodeURIComponent(id)}/refusals`,
        { at: new Date().toISOString(), bcpId: bcp.id, reasons: grounds },
      );
      return intl.formatMessage(
        { id: 'actions.done.refusal' },
        { date: formatDate(intl, refusal.date), bcp: refusal.bcp, grounds: refusal.reasons.join(', ') },
      );
    });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    if (mode === 'refusal') {
      if (grounds.length === 0) {
        setGroundsError(true);
        return;
      }
      void recordRefusal();
    } else if (mode === 'entry') {
      void recordEntry();
    }
  };

  const onFormKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  const withFile = details === null;
  if (refusedToday !== null) {
    return (
      <Stack gap="sm" component="section" aria-labelledby="actions-title" data-testid="record-actions">
        <Title order={2} size="h4" id="actions-title">
          <FormattedMessage id="actions.title" />
        </Title>
        <Text size="sm" data-testid="refused-today">
          <FormattedMessage id="actions.refusedToday" />
        </Text>
        <RefusalForm holder={holder} refusal={refusedToday} bcp={bcp} />
      </Stack>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="actions-title" data-testid="record-actions">
      <Title order={2} size="h4" id="actions-title">
        <FormattedMessage id="actions.title" />
      </Title>
      <Group gap="sm">
        {!present && (
          <Button onClick={open('entry')} disabled={busy} aria-expanded={mode === 'entry'}>
            <FormattedMessage id={withFile ? 'actions.createAndEnter' : 'actions.entry'} />
          </Button>
        )}
        {present && (
          <Button onClick={() => void recordExit()} loading={busy}>
            <FormattedMessage id="actions.exit" />
          </Button>
        )}
        {!present && (
          <Button
            onClick={open('refusal')}
            disabled={busy}
            variant="outline"
            color={statusText.danger}
            aria-expanded={mode === 'refusal'}
          >
            <FormattedMessage id={withFile ? 'actions.createAndRefuse' : 'actions.refusal'} />
          </Button>
        )}
      </Group>
      {mode !== null && (
        <form ref={formRef} onSubmit={submit} onKeyDown={onFormKeyDown} aria-labelledby="record-form-title">
          <Fieldset
            legend={
              <span id="record-form-title">
                <FormattedMessage
                  id={
                    mode === 'entry'
                      ? withFile
                        ? 'actions.createAndEnter'
                        : 'actions.entry'
                      : withFile
                        ? 'actions.createAndRefuse'
                        : 'actions.refusal'
                  }
                />
              </span>
            }
          >
            <Stack gap="md">
              {withFile && (
                <NewFileFields kind={kind} onKind={setKind} prints={prints} onPrints={setPrints} />
              )}
              {mode === 'entry' && (
                <Checkbox
                  label={t('actions.familyMember')}
                  description={t('actions.familyMember.description')}
                  checked={familyMember}
                  onChange={(e) => setFamilyMember(e.currentTarget.checked)}
                />
              )}
              {mode === 'entry' && fileKind === 'visa-holder' && !familyMember && (
                <VisaFields visa={visa} onVisa={setVisa} />
              )}
              {mode === 'refusal' && (
                <Checkbox.Group
                  label={t('actions.grounds')}
                  description={t('actions.grounds.description')}
                  value={grounds}
                  onChange={(v) => {
                    setGrounds(v);
                    setGroundsError(false);
                  }}
                  error={groundsError ? t('actions.grounds.required') : undefined}
                  required
                >
                  <Stack gap={6} mt={6} data-testid="refusal-grounds">
                    {REFUSAL_GROUNDS.map((letter) => (
                      <Checkbox
                        key={letter}
                        value={letter}
                        label={intl.formatMessage(
                          { id: 'actions.ground' },
                          { letter, meaning: intl.formatMessage({ id: `refusal.ground.${letter}` }) },
                        )}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
              <Group gap="sm">
                <Button
                  type="submit"
                  loading={busy}
                  color={mode === 'refusal' ? statusColours.danger : undefined}
                >
                  <FormattedMessage id={mode === 'entry' ? 'actions.submitEntry' : 'actions.submitRefusal'} />
                </Button>
                <Button type="button" variant="default" onClick={close}>
                  <FormattedMessage id="actions.cancel" />
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        </form>
      )}
    </Stack>
  );
}
