import { MantineProvider } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { IntlProvider } from 'react-intl';
import { Router, useLocation } from 'wouter';

import { AuthProvider, SessionProvider, useAuth } from './auth/session.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { LocaleProvider } from './i18n/locale.tsx';
import { catalogues, DEFAULT_LOCALE } from './i18n/messages.ts';
import { CenteredLoader } from './shell/CenteredLoader.tsx';
import { Layout } from './shell/Layout.tsx';
import { useHashPathLocation } from './shell/table/hashQuery.ts';
import { cssVariablesResolver, theme } from './theme.ts';

// The applicant's ETIAS pages are public (Reg. (EU) 2018/1240 arts. 15 and 31): shown whether signed in or not.
const PublicEtiasPage = lazy(() => import('./pages/etias/apply/PublicEtiasPage.tsx'));
const PUBLIC_PATHS = new Set(['/etias/apply', '/etias/status']);

function Gate() {
  const { state } = useAuth();
  const [path] = useLocation();
  if (PUBLIC_PATHS.has(path)) {
    return (
      <Suspense fallback={<CenteredLoader label="shell.loading" />}>
        <PublicEtiasPage path={path} />
      </Suspense>
    );
  }
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

/**
 * The web shell: theme (light or dark, following the system until the user chooses), language (the browser's
 * until the user chooses), sign-in state and hash routing (so the server only has to serve `/`; a list's
 * state follows `?` in the fragment, see `shell/table/hashQuery.ts`).
 */
export function App() {
  return (
    <LocaleProvider>
      {(locale) => (
        <IntlProvider
          locale={locale}
          defaultLocale={DEFAULT_LOCALE}
          messages={catalogues[locale] ?? catalogues[DEFAULT_LOCALE]}
        >
          <MantineProvider
            theme={theme}
            cssVariablesResolver={cssVariablesResolver}
            defaultColorScheme="auto"
          >
            <Router hook={useHashPathLocation}>
              <AuthProvider>
                <Gate />
              </AuthProvider>
            </Router>
          </MantineProvider>
        </IntlProvider>
      )}
    </LocaleProvider>
  );
}
