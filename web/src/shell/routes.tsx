import { lazy, type ComponentType } from 'react';

import { HomePage } from '../pages/home/HomePage.tsx';
import type { ScreenId } from './navigation.ts';

/** The component of each screen. Screens used by some roles only are loaded when first opened. */
export const screenComponents: Readonly<Record<ScreenId, ComponentType>> = {
  home: HomePage,
  'border-check': lazy(() => import('../pages/border/BorderCheckPage.tsx')),
  search: lazy(() => import('../pages/search/SearchPage.tsx')),
  audit: lazy(() => import('../pages/audit/AuditLogPage.tsx')),
};
