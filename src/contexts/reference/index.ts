/**
 * The reference context: code lists and facts every other context relies on. Country codes as used in
 * travel documents (ISO 3166-1 alpha-3 plus the ICAO Doc 9303 Part 3 codes), the EU, EEA and Schengen
 * states, and the border crossing points with their time zones. Pure data and functions, no storage.
 */
export {
  documentCountries,
  isThirdCountry,
  isValidDocumentCountryCode,
  lookupCountry,
  normaliseDocumentCountryCode,
} from './countries/index.ts';
export type {
  CountryCodeSource,
  CountryKind,
  DocumentCountry,
  NormalisedCountryCode,
} from './countries/index.ts';
export {
  euMemberStates,
  findMemberState,
  isEuEeaOrSwissState,
  isEuMemberState,
  isSchengenState,
  isSchengenStateOn,
  memberStates,
  schengenStates,
} from './member-states.ts';
export type { BorderKind, MemberState, SchengenDates } from './member-states.ts';
export {
  bcpPositions,
  borderCrossingPoints,
  getBcp,
  localDateAt,
  locodePositions,
  lookupBcp,
} from './bcps/index.ts';
export type { BcpKind, BcpPosition, BorderCrossingPoint } from './bcps/index.ts';
export { isKnownTimeZone, localDateInZone } from './local-date.ts';
export { ReferenceErrorCode } from './errors.ts';
export { referenceRoutes } from './routes.ts';
export { visaRequirement, type VisaRequirement } from './visa-requirement.ts';
