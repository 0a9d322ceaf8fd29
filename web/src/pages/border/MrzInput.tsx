import { Box, Text, Textarea } from '@mantine/core';
import { forwardRef, type KeyboardEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';

import { isMessageId } from '../../i18n/messages.ts';
import { statusText } from '../../theme.ts';
import { checkMrz, type MrzCheck, type MrzFieldError } from './mrzCheck.ts';

/** The name of an MRZ field in the interface language; unknown names are shown as they are. */
export function mrzFieldLabel(intl: IntlShape, field: string | null): string {
  const key = `mrz.field.${field ?? 'unknown'}`;
  return isMessageId(key) ? intl.formatMessage({ id: key }) : (field ?? '?');
}

function errorText(intl: IntlShape, check: MrzCheck): string | null {
  switch (check.state) {
    case 'bad-character':
      return intl.formatMessage(
        { id: 'mrz.error.character' },
        { character: check.character, line: check.line + 1, position: check.column + 1 },
      );
    case 'bad-layout':
      return check.expectedLength === null
        ? intl.formatMessage({ id: 'mrz.error.length' }, { line: check.line + 1, length: check.length })
        : intl.formatMessage(
            { id: 'mrz.error.layout' },
            { line: check.line + 1, length: check.length, expected: check.expectedLength },
          );
    case 'complete':
      if (check.errors.length === 0) {
        return null;
      }
      return check.errors
        .map((e) =>
          intl.formatMessage(
            { id: e.kind === 'check-digit' ? 'mrz.error.checkDigit' : 'mrz.error.value' },
            { field: mrzFieldLabel(intl, e.field), line: e.line + 1, position: e.start + 1 },
          ),
        )
        .join(' ');
    case 'empty':
    case 'incomplete':
      return null;
  }
}

function hintText(intl: IntlShape, check: MrzCheck): string {
  switch (check.state) {
    case 'incomplete': {
      const line = check.lines.length;
      const typed = check.lines.at(-1)?.length ?? 0;
      return check.expectedLength === null
        ? intl.formatMessage({ id: 'mrz.hint.typing' }, { typed })
        : typed === check.expectedLength
          ? intl.formatMessage(
              { id: 'mrz.hint.nextLine' },
              { line: line + 1, lines: check.expectedLines ?? 0 },
            )
          : intl.formatMessage(
              { id: 'mrz.hint.line' },
              { line, lines: check.expectedLines ?? 0, typed, expected: check.expectedLength },
            );
    }
    case 'complete':
      return check.errors.length === 0
        ? intl.formatMessage({ id: 'mrz.hint.ready' }, { format: check.format })
        : intl.formatMessage({ id: 'mrz.hint.readyWithErrors' }, { format: check.format });
    case 'empty':
    case 'bad-character':
    case 'bad-layout':
      return intl.formatMessage({ id: 'mrz.description' });
  }
}

/** Ranges of characters to mark on each line. */
function marksOf(check: MrzCheck): Map<number, Array<[number, number]>> {
  const marks = new Map<number, Array<[number, number]>>();
  const add = (line: number, start: number, end: number) => {
    marks.set(line, [...(marks.get(line) ?? []), [start, end]]);
  };
  if (check.state === 'bad-character') {
    add(check.line, check.column, check.column + 1);
  } else if (check.state === 'bad-layout') {
    const line = check.lines[check.line] ?? '';
    add(check.line, check.expectedLength ?? 0, Math.max(line.length, (check.expectedLength ?? 0) + 1));
  } else if (check.state === 'complete') {
    check.errors.forEach((e: MrzFieldError) => add(e.line, e.start, e.end));
  }
  return marks;
}

/**
 * The MRZ as read, one line under the other in a fixed-width font, with the characters of the fields in error
 * marked. It repeats what the error message says in words, so it is hidden from screen readers.
 */
function MrzPreview({ check }: { check: MrzCheck }) {
  if (check.state === 'empty') {
    return null;
  }
  const marks = marksOf(check);
  if (marks.size === 0) {
    return null;
  }
  return (
    <Box component="pre" className="mrz-preview" aria-hidden data-testid="mrz-preview">
      {check.lines.map((line, index) => {
        const ranges = [...(marks.get(index) ?? [])].sort((a, b) => a[0] - b[0]);
        const parts: ReactNode[] = [];
        let at = 0;
        for (const [start, end] of ranges) {
          if (start > at) {
            parts.push(line.slice(at, start));
          }
          // A missing character (line too short) is drawn as a marked space.
          const text = line.slice(Math.max(start, at), end) || ' ';
          parts.push(
            <mark key={`${start}-${end}`} data-testid="mrz-error-mark">
              {text}
            </mark>,
          );
          at = Math.max(at, end);
        }
        parts.push(line.slice(at));
        return <div key={index}>{parts}</div>;
      })}
    </Box>
  );
}

/**
 * The MRZ field: pasted or typed, two or three lines, checked as it is typed. Enter at the end of a complete
 * MRZ (or Ctrl+Enter at any time) runs the check; Enter before that starts the next line.
 */
export const MrzInput = forwardRef<
  HTMLTextAreaElement,
  { value: string; onChange: (value: string) => void; onSubmit: () => void; serverError: string | null }
>(function MrzInput({ value, onChange, onSubmit, serverError }, ref) {
  const intl = useIntl();
  const check = checkMrz(value);
  const error = errorText(intl, check) ?? serverError;
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) {
      return;
    }
    if (event.ctrlKey || event.metaKey || check.state === 'complete') {
      event.preventDefault();
      onSubmit();
    }
  };
  return (
    <Box>
      <Textarea
        ref={ref}
        label={intl.formatMessage({ id: 'mrz.label' })}
        description={hintText(intl, check)}
        error={error}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value.toUpperCase())}
        onKeyDown={onKeyDown}
        autosize
        minRows={3}
        maxRows={4}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        required
        name="mrz"
        classNames={{ input: 'mrz-input' }}
        data-testid="mrz-input"
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        errorProps={{ 'data-testid': 'mrz-error', c: statusText.danger }}
      />
      <MrzPreview check={check} />
      <Text size="xs" c="dimmed" mt={4}>
        <FormattedMessage id="mrz.keys" />
      </Text>
    </Box>
  );
});
