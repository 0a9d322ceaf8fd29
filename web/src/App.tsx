import { MantineProvider } from '@mantine/core';
import { IntlProvider } from 'react-intl';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';

import { AuthProvider, SessionProvider, useAuth } from './auth/session.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { catalogues, DEFAULT_LOCALE } from './i18n/messages.ts';
import { CenteredLoader } from './shell/CenteredLoader.tsx';
import { Layout } from './shell/Layout.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

function Gate() {
  const { state } = useAuth();
  switch (state.status) {
    case 'restoring':
      return <CenteredLoader label="shell.loading" />;
    case 'signed-out':
      return <LoginPage notice={state.notice} />;
    case 'signed-in':
      return (
        <SessionProvider token={state.token} user={state.user}>
          <Layout />
        </SessionProvider>
      );
  }
}

/** The web shell: theme, language, sign-in state and hash routing (so the server only has to serve `/`). */
export function App({ locale }: { locale: string }) {
  const messages = catalogues[locale] ?? catalogues[DEFAULT_LOCALE];
  return (
    <IntlProvider locale={locale} defaultLocale={DEFAULT_LOCALE} messages={messages}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <Router hook={useHashLocation}>
          <AuthProvider>
            <Gate />
          </AuthProvider>
        </Router>
      </MantineProvider>
    </IntlProvider>
  );
}
