import './counters.css';

import {
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Center,
  Group,
  NavLink,
  Select,
  Stack,
  Text,
  useMantineTheme,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Route, Switch, useLocation } from 'wouter';

import { useSession } from '../auth/session.tsx';
import { isMessageId, type MessageId } from '../i18n/messages.ts';
import { NotAvailablePage } from '../pages/NotAvailablePage.tsx';
import { counterOf, CountersProvider, useCounters } from './counters.tsx';
import { InlineLoader } from './InlineLoader.tsx';
import { homeLanding, screenBadges, screensFor, type Screen } from './navigation.ts';
import { Preferences } from './Preferences.tsx';
import { screenComponents } from './routes.tsx';

const MAIN_ID = 'main-content';

function PurposeSelector() {
  const intl = useIntl();
  const { allowedPurposes, purpose, setPurpose } = useSession();
  if (allowedPurposes.length === 0) {
    return null;
  }
  if (allowedPurposes.length === 1) {
    const label = allowedPurposes[0]?.label;
    return (
      <Stack gap={0} maw={360}>
        <Text size="xs" c="dimmed">
          <FormattedMessage id="shell.purpose" />
        </Text>
        <Text size="sm" truncate="end" title={label}>
          {label}
        </Text>
      </Stack>
    );
  }
  return (
    <Select
      label={intl.formatMessage({ id: 'shell.purpose' })}
      placeholder={intl.formatMessage({ id: 'shell.purposePlaceholder' })}
      data={allowedPurposes.map((p) => ({ value: p.code, label: p.label }))}
      value={purpose}
      onChange={setPurpose}
      size="xs"
      w={240}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function UserBlock({ align }: { align: 'flex-start' | 'flex-end' }) {
  const intl = useIntl();
  const { user } = useSession();
  const typeKey = `authorityType.${user.authority.type}`;
  return (
    <Stack gap={0} align={align} data-testid="current-user">
      <Text size="sm" fw={600}>
        <VisuallyHidden>
          <FormattedMessage id="shell.signedInAs" />{' '}
        </VisuallyHidden>
        {user.displayName}
      </Text>
      <Text size="xs" c="dimmed">
        <FormattedMessage
          id="shell.authority"
          values={{ authority: user.authority.name, memberState: user.authority.memberState }}
        />
        {' · '}
        {isMessageId(typeKey) ? intl.formatMessage({ id: typeKey }) : user.authority.type}
      </Text>
    </Stack>
  );
}

/**
 * A screen's link in the navigation, with the badge of its counter when above zero. The visible label and
 * number are hidden from assistive technology and the link's name says both in words instead ("SIS hits,
 * 3 open"), which keeps the visible label part of the name (WCAG 2.5.3).
 */
function NavItem({ screen, active, onClick }: { screen: Screen; active: boolean; onClick: () => void }) {
  const intl = useIntl();
  const { counters } = useCounters();
  const badgeOf = screenBadges[screen.id];
  const counter = badgeOf === undefined ? undefined : counterOf(counters, badgeOf);
  const shown = counter !== undefined && counter.value > 0 ? counter : null;
  const label = intl.formatMessage({ id: screen.label });
  return (
    <NavLink
      component="a"
      href={`#${screen.path}`}
      label={
        shown === null ? (
          label
        ) : (
          <>
            <span aria-hidden>{label}</span>
            <VisuallyHidden>
              {intl.formatMessage(
                { id: 'home.badge.label' },
                {
                  screen: label,
                  badge: intl.formatMessage(
                    { id: `home.badge.${shown.id}` as MessageId },
                    { count: shown.value },
                  ),
                },
              )}
            </VisuallyHidden>
          </>
        )
      }
      rightSection={
        shown === null ? undefined : (
          <Badge
            className="nav-badge"
            data-severity={shown.severity}
            data-testid="nav-badge"
            size="sm"
            variant="filled"
            aria-hidden
          >
            {intl.formatNumber(shown.value)}
          </Badge>
        )
      }
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onClick}
      variant="filled"
    />
  );
}

/**
 * The signed-in frame: a header with the user, their authority, the purpose of use and sign-out; navigation
 * with the screens of the user's role only; and the current screen. A skip link leads past the header and
 * navigation for keyboard users.
 */
export function Layout() {
  const intl = useIntl();
  const { user, signOut } = useSession();
  const [location] = useLocation();
  // A list's filters travel in the hash's query (`#/sis/hits?deadline=overdue`): screens match on the path.
  const path = location.split('?')[0] ?? location;
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const screens = screensFor(user.authority.type, user.permissions);
  const landingId = homeLanding[user.authority.type];
  const landing = screens.some((s) => s.id === landingId) ? landingId : undefined;
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.md})`, true, {
    getInitialValueInEffect: false,
  });

  return (
    <CountersProvider>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <Anchor
          href={`#${MAIN_ID}`}
          onClick={(event) => {
            // The hash router owns the URL fragment, so move focus directly instead of following the link.
            event.preventDefault();
            document.getElementById(MAIN_ID)?.focus();
          }}
          className="skip-link"
        >
          <FormattedMessage id="app.skipToContent" />
        </Anchor>
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                aria-label={intl.formatMessage({ id: 'shell.toggleNavigation' })}
                aria-expanded={navOpened}
                aria-controls="main-navigation"
              />
              <Text fw={700} fz="lg" component="p">
                <FormattedMessage id="app.name" />
              </Text>
            </Group>
            <Group gap="lg" wrap="nowrap">
              {wide && (
                <>
                  <PurposeSelector />
                  <UserBlock align="flex-end" />
                  <Preferences />
                </>
              )}
              <Button variant="default" size="xs" onClick={signOut}>
                <FormattedMessage id="shell.logout" />
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" id="main-navigation" component="div">
          <nav aria-label={intl.formatMessage({ id: 'shell.navigation' })}>
            {screens
              .filter((screen) => screen.linked !== false)
              .map((screen) => {
                const active =
                  screen.path === path ||
                  (screen.detailPath !== undefined && path.startsWith(`${screen.path}/`));
                return <NavItem key={screen.id} screen={screen} active={active} onClick={closeNav} />;
              })}
          </nav>
          {/*
           * On narrow screens the header has no room for the user, the purpose and the preferences (on a phone
           * they would push sign-out off the screen); they move here.
           */}
          {!wide && (
            <Stack mt="auto" p="xs" gap="md">
              <UserBlock align="flex-start" />
              <PurposeSelector />
              <Preferences />
            </Stack>
          )}
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Suspense
            fallback={
              <Center py="xl">
                <InlineLoader label="shell.loading" />
              </Center>
            }
          >
            <Switch location={path}>
              {screens.map((screen) => (
                <Route
                  key={screen.id}
                  path={screen.path}
                  component={screenComponents[screen.id === 'home' ? (landing ?? 'home') : screen.id]}
                />
              ))}
              {screens
                .filter((screen) => screen.detailPath !== undefined)
                .map((screen) => (
                  <Route
                    key={`${screen.id}-detail`}
                    path={screen.detailPath}
                    component={screenComponents[screen.id]}
                  />
                ))}
              <Route>
                <NotAvailablePage />
              </Route>
            </Switch>
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </CountersProvider>
  );
}
