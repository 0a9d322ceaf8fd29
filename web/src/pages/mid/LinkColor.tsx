import { Badge, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

import { PlaceTime } from '../../format/PlaceTime.tsx';
import { formatDuration } from '../../format/duration.ts';
import { statusColours } from '../../theme.ts';
import { colorLabel, colorName, verifyByState } from './mid.ts';

/**
 * Fill and text of each link colour's badge: the colour itself, always with its name in words (a colour alone
 * tells nothing to whom cannot see it). Dark text on yellow and white, white text on green and red (above 4.5:1).
 */
export type BadgeStyle = { bg: string; fg: string; border: string };
const WHITE: BadgeStyle = { bg: '#ffffff', fg: '#1a1b1e', border: '#495057' };
const BADGE: Readonly<Record<string, BadgeStyle>> = {
  yellow: { bg: '#ffd43b', fg: '#1a1b1e', border: '#8f6b00' },
  white: WHITE,
  green: { bg: statusColours.success, fg: '#ffffff', border: statusColours.success },
  red: { bg: statusColours.danger, fg: '#ffffff', border: statusColours.danger },
};

/** Fill, text and outline of a link colour, as its badge shows it (white for a colour not known). */
export const linkColourStyle = (color: string): BadgeStyle => BADGE[color] ?? WHITE;

/** A link's colour as a labelled badge. */
export function LinkColorBadge({
  color,
  size = 'md',
  long = false,
}: {
  color: string;
  size?: 'sm' | 'md' | 'lg';
  /** With what the colour says (`Red – unlawful`); otherwise its name alone (`Red`). */
  long?: boolean;
}) {
  const intl = useIntl();
  const style = BADGE[color] ?? WHITE;
  return (
    <Badge
      size={size}
      radius="sm"
      variant="filled"
      data-testid="link-color"
      data-color={color}
      styles={{
        root: {
          background: style.bg,
          color: style.fg,
          border: `1px solid ${style.border}`,
          maxWidth: 'none',
        },
        label: { overflow: 'visible' },
      }}
    >
      {long ? colorLabel(intl, color) : colorName(intl, color)}
    </Badge>
  );
}

/** "Verify by" in words with a badge when overdue or due soon; a dash once the link is verified. */
export function VerifyBy({ at, now }: { at: string | undefined; now: number }) {
  const intl = useIntl();
  if (at === undefined) {
    return (
      <Text size="sm" span c="dimmed" data-deadline="none">
        —
      </Text>
    );
  }
  const state = verifyByState(at, now);
  const span = formatDuration(intl, Date.parse(at) - now);
  const when = <PlaceTime at={at} />;
  return (
    <Text size="sm" span data-deadline={state} data-testid="verify-by">
      {state === 'overdue' && (
        <>
          <Badge color={statusColours.danger} variant="filled" radius="sm" mr={6}>
            <FormattedMessage id="mid.deadline.overdue" />
          </Badge>{' '}
          <FormattedMessage id="mid.deadline.overdueBy" values={{ span, at: when }} />
        </>
      )}
      {state === 'due-soon' && (
        <>
          <Badge color={statusColours.warning} variant="filled" radius="sm" mr={6}>
            <FormattedMessage id="mid.deadline.dueSoon" />
          </Badge>{' '}
          <FormattedMessage id="mid.deadline.dueIn" values={{ span, at: when }} />
        </>
      )}
      {state === 'on-time' && <FormattedMessage id="mid.deadline.dueIn" values={{ span, at: when }} />}
    </Text>
  );
}
