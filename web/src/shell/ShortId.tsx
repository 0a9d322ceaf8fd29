import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { useIntl } from 'react-intl';

const PREFIXED_UUID = /^([a-z]+_)?([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record reference as people read it: the system prefix and the first eight characters of a UUID
 * (`sis_1a2b3c4d…`), enough to tell records apart on one screen; anything else is shown whole.
 */
export function shortenId(id: string): string {
  const match = PREFIXED_UUID.exec(id);
  return match === null ? id : `${match[1] ?? ''}${match[2]}…`;
}

/**
 * Two overlapping sheets, drawn: the "⧉" character it replaces is missing from common fonts (DejaVu, Liberation),
 * which draw an empty box instead.
 */
function CopyIcon() {
  return (
    <svg
      aria-hidden="true"
      width="12"
      height="12"
      viewBox="0 0 12 12"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.2"
      data-testid="copy-icon"
    >
      <rect x="3.5" y="3.5" width="7" height="7" rx="1" />
      <path d="M1.5 8.5v-6a1 1 0 0 1 1-1h6" />
    </svg>
  );
}

/** A shortened reference with the whole one on hover and a button that copies it. */
export function ShortId({ id }: { id: string }) {
  const intl = useIntl();
  const label = intl.formatMessage({ id: 'shell.copyId' }, { id });
  return (
    <Group gap={4} wrap="nowrap" component="span" data-testid="short-id" data-id={id}>
      <Text span size="xs" c="dimmed" ff="monospace" title={id}>
        {shortenId(id)}
      </Text>
      <CopyButton value={id} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={intl.formatMessage({ id: copied ? 'shell.copied' : 'shell.copy' })} withArrow>
            <ActionIcon size="xs" variant="subtle" color="gray" aria-label={label} onClick={copy}>
              {copied ? <span aria-hidden="true">✓</span> : <CopyIcon />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
