import type { FigureCode, FigureDefinition } from './model.ts';

const EES = 'Reg. (EU) 2017/2226 art. 63; Reg. (EU) 2019/817 art. 39';
const SIS = 'Reg. (EU) 2018/1862 art. 74(3); Reg. (EU) 2018/1861 art. 60(3); Reg. (EU) 2019/818 art. 39';
const HUBS = 'National law on automatic vehicle checks [K]; Reg. (EU) 2018/1862 art. 74(3) for the SIS hits';
const ETIAS = 'Reg. (EU) 2018/1240 art. 84(2); Reg. (EU) 2019/817 art. 39';
const EURODAC = 'Reg. (EU) 2024/1358 art. 12; Reg. (EU) 2019/818 art. 39';
const MID = 'Reg. (EU) 2019/817 and 2019/818 arts. 39(1) and 29';
const QUALITY = 'Reg. (EU) 2019/817 and 2019/818 arts. 37 and 39(1) (data quality)';

/**
 * The figures of the repository with their dimensions (codes only, never a name or a number that could point at
 * a person), in the order a table shows them. A source gives each of its facts the figure's dimensions; a
 * dimension it does not know is `'unknown'`.
 */
export const FIGURES: Readonly<Record<FigureCode, FigureDefinition>> = Object.freeze({
  'ees.crossings': {
    code: 'ees.crossings',
    kind: 'event',
    dimensions: ['bcp', 'direction', 'nationality', 'memberState'],
    label: 'Border crossings (entries and exits) by crossing point, direction and nationality',
    legalBasis: EES,
  },
  'ees.refusals': {
    code: 'ees.refusals',
    kind: 'event',
    dimensions: ['bcp', 'ground', 'nationality', 'memberState'],
    label: 'Refusals of entry by crossing point and Annex V ground (SBC 2016/399 Annex V part B)',
    legalBasis: EES,
  },
  'ees.overstays': {
    code: 'ees.overstays',
    kind: 'state',
    dimensions: ['nationality', 'memberState'],
    label:
      'Overstayers (stays flagged under art. 12 without exit) by nationality; day = first day of overstay',
    legalBasis: EES,
  },
  'sis.hits': {
    code: 'sis.hits',
    kind: 'event',
    dimensions: ['category', 'action', 'memberState', 'kind'],
    label: 'Hits on SIS alerts by category and action to be taken; member state = reporting state',
    legalBasis: SIS,
  },
  'hubs.reads': {
    code: 'hubs.reads',
    kind: 'event',
    dimensions: ['hub', 'objectType', 'memberState'],
    label: 'Automatic reads at logistics hubs by hub and object type',
    legalBasis: HUBS,
  },
  'hubs.hits': {
    code: 'hubs.hits',
    kind: 'event',
    dimensions: ['hub', 'objectType', 'memberState'],
    label: 'Hits at logistics hubs by hub and object type',
    legalBasis: HUBS,
  },
  'etias.applications': {
    code: 'etias.applications',
    kind: 'event',
    dimensions: ['nationality', 'memberState'],
    label: 'ETIAS applications by nationality and state of intended first stay',
    legalBasis: ETIAS,
  },
  'etias.decisions': {
    code: 'etias.decisions',
    kind: 'event',
    dimensions: ['decision', 'nationality', 'memberState'],
    label: 'ETIAS decisions (issued, refused, annulled, revoked) by nationality and deciding state',
    legalBasis: ETIAS,
  },
  'etias.manual-routing': {
    code: 'etias.manual-routing',
    kind: 'event',
    dimensions: ['rule', 'memberState'],
    label: 'Applications sent to manual processing by screening rule or hit (art. 33(2)(a)-(c))',
    legalBasis: ETIAS,
  },
  'eurodac.registrations': {
    code: 'eurodac.registrations',
    kind: 'event',
    dimensions: ['category', 'memberState'],
    label: 'Eurodac registrations by category',
    legalBasis: EURODAC,
  },
  'eurodac.hits': {
    code: 'eurodac.hits',
    kind: 'event',
    dimensions: ['category', 'memberState'],
    label: 'Eurodac hits by category',
    legalBasis: EURODAC,
  },
  'mid.links': {
    code: 'mid.links',
    kind: 'event',
    dimensions: ['color', 'systems', 'memberState'],
    label: 'MID links created by colour and pair of systems',
    legalBasis: MID,
  },
  'mid.backlog': {
    code: 'mid.backlog',
    kind: 'state',
    dimensions: ['verifier', 'memberState'],
    label: 'Yellow links awaiting verification; day = the verification deadline',
    legalBasis: MID,
  },
  'quality.files-without-biometrics': {
    code: 'quality.files-without-biometrics',
    kind: 'state',
    dimensions: ['system', 'memberState'],
    label: 'Files without biometric data by system',
    legalBasis: QUALITY,
  },
  'quality.alerts-past-review': {
    code: 'quality.alerts-past-review',
    kind: 'state',
    dimensions: ['category', 'memberState'],
    label: 'SIS alerts past their review date; day = the review date',
    legalBasis: QUALITY,
  },
  'quality.hits-without-reply': {
    code: 'quality.hits-without-reply',
    kind: 'state',
    dimensions: ['category', 'memberState'],
    label: 'SIS hits without a SIRENE reply in time; day = the reply deadline',
    legalBasis: QUALITY,
  },
});

/** Most dimensions a figure may have (the cells' columns `d1`…`d6`). */
export const MAX_DIMENSIONS = 6;

/** Every dimension of any figure, for the query string's filters. */
export const DIMENSIONS: readonly string[] = [
  ...new Set(Object.values(FIGURES).flatMap((f) => f.dimensions)),
].sort();

export const isFigure = (code: string): code is FigureCode => Object.hasOwn(FIGURES, code);
