import { lazy, type ComponentType } from 'react';

import { HomePage } from '../pages/home/HomePage.tsx';
import type { ScreenId } from './navigation.ts';

/** The component of each screen. Screens used by some roles only are loaded when first opened. */
export const screenComponents: Readonly<Record<ScreenId, ComponentType>> = {
  home: HomePage,
  'border-check': lazy(() => import('../pages/border/BorderCheckPage.tsx')),
  'ees-overstayers': lazy(() => import('../pages/ees/OverstayersPage.tsx')),
  'sis-alerts': lazy(() => import('../pages/sis/AlertsPage.tsx')),
  'sis-review': lazy(() => import('../pages/sis/ReviewQueuePage.tsx')),
  'sis-hits': lazy(() => import('../pages/sis/HitsPage.tsx')),
  'hub-desk': lazy(() => import('../pages/hubs/HubDeskPage.tsx')),
  'etias-queue': lazy(() => import('../pages/etias/CentralUnitQueuePage.tsx')),
  'etias-application': lazy(() => import('../pages/etias/CentralUnitQueuePage.tsx')),
  'etias-rules': lazy(() => import('../pages/etias/ScreeningRulesPage.tsx')),
  'etias-watchlist': lazy(() => import('../pages/etias/WatchlistPage.tsx')),
  search: lazy(() => import('../pages/search/SearchPage.tsx')),
  audit: lazy(() => import('../pages/audit/AuditLogPage.tsx')),
  admin: lazy(() => import('../pages/admin/AdminPage.tsx')),
  'etias-nu-queue': lazy(() => import('../pages/etias/manual/NationalUnitQueuePage.tsx')),
  'eurodac-register': lazy(() => import('../pages/eurodac/RegisterPage.tsx')),
  'eurodac-hits': lazy(() => import('../pages/eurodac/HitsPage.tsx')),
  'mid-links': lazy(() => import('../pages/mid/LinksPage.tsx')),
  'cir-flags': lazy(() => import('../pages/cir/FlagSearchPage.tsx')),
  barometer: lazy(() => import('../pages/barometer/BarometerPage.tsx')),
  network: lazy(() => import('../pages/network/NetworkPage.tsx')),
};
