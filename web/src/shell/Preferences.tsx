import { ActionIcon, Group, Select, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useIntl } from 'react-intl';

import { useLocale } from '../i18n/locale.tsx';
import { LANGUAGES } from '../i18n/messages.ts';

/** The interface language, each offered in its own name; the browser's language is the default. */
export function LanguageSelect() {
  const intl = useIntl();
  const { locale, setLocale } = useLocale();
  return (
    <Select
      size="xs"
      w={130}
      aria-label={intl.formatMessage({ id: 'shell.language' })}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
      value={locale}
      allowDeselect={false}
      onChange={(value) => value !== null && setLocale(value)}
      comboboxProps={{ withinPortal: true }}
      data-testid="language-select"
    />
  );
}

/** Light or dark: follows the system setting until the user chooses (Mantine keeps the choice). */
export function ColorSchemeToggle() {
  const intl = useIntl();
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const dark = computed === 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label={intl.formatMessage({ id: dark ? 'shell.lightMode' : 'shell.darkMode' })}
      aria-pressed={dark}
      onClick={() => setColorScheme(dark ? 'light' : 'dark')}
      data-testid="color-scheme-toggle"
    >
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
    </ActionIcon>
  );
}

/** Both preferences, side by side. */
export function Preferences() {
  return (
    <Group gap="xs" wrap="nowrap">
      <LanguageSelect />
      <ColorSchemeToggle />
    </Group>
  );
}
