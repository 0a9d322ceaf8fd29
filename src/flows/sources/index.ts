/** The systems of this installation as search-portal sources and border-check steps. */
export { eesSearchSource } from './ees-source.ts';
export { sisSearchSource } from './sis-source.ts';
