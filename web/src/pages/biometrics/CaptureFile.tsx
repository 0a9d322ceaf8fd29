import { Badge, FileInput, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';

import type { MessageId } from '../../i18n/messages.ts';
import { statusColours, statusText } from '../../theme.ts';
import {
  parseCaptureFile,
  type CapturedTemplate,
  type CaptureFileError,
  type ServerTemplateProblem,
} from './captureFile.ts';
import { templateLabel } from './format.ts';

const FILE_ERRORS: Readonly<Record<CaptureFileError, MessageId>> = {
  notJson: 'biometrics.file.notJson',
  shape: 'biometrics.file.shape',
  empty: 'biometrics.file.empty',
};

const PROBLEM_TEXT: Readonly<Record<NonNullable<CapturedTemplate['problem']>, MessageId>> = {
  modality: 'biometrics.problem.modality',
  position: 'biometrics.problem.position',
  quality: 'biometrics.problem.quality',
  template: 'biometrics.problem.template',
  duplicate: 'biometrics.problem.duplicate',
};

/**
 * The file a capture device's extractor wrote (the template contract: a plain array of templates or
 * `{ fingerprints, face }`), read in the browser; each template listed with its modality or finger and its
 * quality, and with the problem that keeps it from being sent or that the server reported (a template below
 * the minimum quality of 2019/817 art. 13(3) is refused: capture it again).
 */
export function CaptureFileInput({
  label,
  description,
  templates,
  onChange,
  serverProblems,
  required,
}: {
  label: MessageId;
  description?: MessageId;
  templates: CapturedTemplate[] | null;
  onChange: (templates: CapturedTemplate[] | null) => void;
  serverProblems?: ReadonlyMap<number, ServerTemplateProblem>;
  required?: boolean;
}) {
  const intl = useIntl();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<CaptureFileError | null>(null);

  const read = (chosen: File | null) => {
    setFile(chosen);
    setError(null);
    if (chosen === null) {
      onChange(null);
      return;
    }
    chosen.text().then(
      (text) => {
        const parsed = parseCaptureFile(text);
        if (parsed.ok) {
          onChange(parsed.templates);
        } else {
          setError(parsed.error);
          onChange(null);
        }
      },
      () => {
        setError('notJson');
        onChange(null);
      },
    );
  };

  return (
    <Stack gap="xs" data-testid="capture-file">
      <FileInput
        label={intl.formatMessage({ id: label })}
        description={description === undefined ? undefined : intl.formatMessage({ id: description })}
        placeholder={intl.formatMessage({ id: 'biometrics.file.placeholder' })}
        accept="application/json,.json"
        value={file}
        onChange={read}
        clearable
        clearButtonProps={{ 'aria-label': intl.formatMessage({ id: 'biometrics.file.clear' }) }}
        required={required}
        error={error === null ? undefined : intl.formatMessage({ id: FILE_ERRORS[error] })}
        fileInputProps={{ 'data-testid': 'capture-file-input' } as Record<string, string>}
        maw={480}
      />
      {templates !== null && (
        <Table
          withTableBorder
          striped
          maw={720}
          data-testid="capture-templates"
          aria-label={intl.formatMessage({ id: 'biometrics.templates.caption' })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">
                <FormattedMessage id="biometrics.col.template" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="biometrics.col.quality" />
              </Table.Th>
              <Table.Th scope="col">
                <FormattedMessage id="biometrics.col.status" />
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templates.map((t) => {
              const server = serverProblems?.get(t.index);
              const state = t.problem !== null ? 'invalid' : (server?.kind ?? 'ok');
              return (
                <Table.Tr
                  key={t.index}
                  data-testid="capture-template"
                  data-modality={t.modality}
                  data-position={t.position}
                  data-state={state}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {templateLabel(intl, t.modality, t.position)}
                  </Table.Td>
                  <Table.Td data-col="quality" style={{ whiteSpace: 'nowrap' }}>
                    {Number.isFinite(t.quality)
                      ? intl.formatMessage({ id: 'biometrics.quality.value' }, { quality: t.quality })
                      : '—'}
                  </Table.Td>
                  <Table.Td data-col="status">
                    {state === 'ok' ? (
                      <Text size="sm" c={statusText.success}>
                        <FormattedMessage id="biometrics.template.ready" />
                      </Text>
                    ) : (
                      <Stack gap={2}>
                        <Badge color={statusColours.danger} variant="filled" radius="sm" w="fit-content">
                          <FormattedMessage
                            id={
                              state === 'low-quality'
                                ? 'biometrics.template.lowQuality'
                                : 'biometrics.template.invalid'
                            }
                          />
                        </Badge>
                        <Text size="sm" c={statusText.danger} data-testid="template-problem">
                          {t.problem !== null
                            ? intl.formatMessage({ id: PROBLEM_TEXT[t.problem] })
                            : state === 'low-quality'
                              ? intl.formatMessage(
                                  { id: 'biometrics.template.lowQuality.detail' },
                                  { quality: t.quality },
                                )
                              : server?.message}
                        </Text>
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
