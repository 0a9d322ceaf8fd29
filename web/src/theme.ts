import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's defaults tuned for WCAG 2.1 AA: the primary shade is dark enough for white text on filled buttons, in
 * both colour schemes
 * (blue 8 on white is 4.9:1, the default blue 6 only 3.5:1), and the focus ring shows whenever the keyboard
 * moves focus.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"',
});

/**
 * Secondary ("dimmed") and placeholder text darker than Mantine's defaults (gray 6 and gray 5, 3.3:1 and 2.1:1
 * on white), so that both reach 4.5:1. The error colour (red 6, 3.6:1) colours the text of a field in error
 * and its message; dark red reaches 6.9:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Between gray 6 and gray 7: 4.8:1 on white, still lighter than entered text.
    '--mantine-color-placeholder': '#6b7280',
    '--mantine-color-error': '#a61e1e',
    '--interlink-status-success-text': '#1b6e2d',
    '--interlink-status-warning-text': '#8f4700',
    '--interlink-status-danger-text': '#a61e1e',
  },
  // Dark mode: Mantine's dark dimmed and placeholder greys fall under 4.5:1 on the darker surfaces (inputs,
  // cards), and its red under 4.5:1 on the body; lighter shades keep every pair at AA.
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-placeholder': '#a3a3a3',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
    // Status words on the dark body (#242424) and cards (#2e2e2e): green 4, orange 4 and red 4 reach 5.8:1 or
    // more there, where the light scheme's dark shades fall to 2:1.
    '--interlink-status-success-text': 'var(--mantine-color-green-4)',
    '--interlink-status-warning-text': 'var(--mantine-color-orange-4)',
    '--interlink-status-danger-text': 'var(--mantine-color-red-4)',
  },
});

/**
 * Fill colours of filled badges and buttons, which carry white text: Mantine's green and orange are too light for
 * that even at shade 9 (about 4.4:1); these stay above 6:1 against white in both colour schemes. Never use them as
 * the colour of text or of an outline around text: use {@link statusText}.
 */
export const statusColours = {
  success: '#1b6e2d',
  warning: '#8f4700',
  danger: '#a61e1e',
} as const;

/**
 * Colours of outcome words, outlined alerts and outlined badges, per colour scheme (set by
 * {@link cssVariablesResolver}): the dark fills above as text on a dark page fall to about 2:1, so the dark
 * scheme uses light shades.
 */
export const statusText = {
  success: 'var(--interlink-status-success-text)',
  warning: 'var(--interlink-status-warning-text)',
  danger: 'var(--interlink-status-danger-text)',
} as const;
