import { lazy, type ComponentType } from 'react';

import { HomePage } from '../pages/home/HomePage.tsx';
import type { ScreenId } from './navigation.ts';

/** The component of each screen. Screens used by one role only are loaded when first opened. */
export const screenComponents: Readonly<Record<ScreenId, ComponentType>> = {
  home: HomePage,
  audit: lazy(() => import('../pages/audit/AuditLogPage.tsx')),
};
