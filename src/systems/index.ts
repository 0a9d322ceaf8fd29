/**
 * The systems of this installation, one adapter module each: what a system brings to the search portal, the
 * border check, the identity index and the retention run (see docs/architecture.md, "One shape per system").
 */
export { Systems, type IdentityHooks, type SystemAdapter, type SystemHosts } from './adapter.ts';
export { eesBorderStep, eesSearchSource, eesSystem, type EesData } from './ees/index.ts';
export { etiasSystem, followSisRefusalAlerts } from './etias/index.ts';
export { hubsSystem } from './hubs/index.ts';
export { midBorderStep, midSystem, type MidData } from './mid/index.ts';
export { eurodacSystem } from './eurodac/index.ts';
export { sisBorderStep, sisSearchSource, sisSystem, type SisData } from './sis/index.ts';
