/**
 * The 90/180 short-stay calculator (Schengen Borders Code art. 6(1); EES art. 11): one pure function set
 * over calendar dates, shared by the border check, the traveller web service, planning and overstayer
 * detection.
 */
export {
  controlStay,
  controlStayDays,
  latestLegalExit,
  parseStayRequest,
  planStay,
  presentStayControl,
  presentStayFigures,
  stayFigures,
  stayFiguresDays,
} from './calculator.ts';
export type {
  DayStayRequest,
  StayControlDays,
  StayControlReport,
  StayFigures,
  StayFiguresReport,
  StayInput,
  StayRequest,
} from './calculator.ts';
export { assessAuthorisedStay } from './authorised-stay.ts';
export type {
  AuthorisedStayAssessment,
  AuthorisedStayRequest,
  ShortStayVisaInput,
  StayExtensionInput,
  StayLimit,
  VisaUse,
} from './authorised-stay.ts';
export {
  dayFromCivil,
  civilFromDay,
  formatDay,
  parseCalendarDate,
  tryParseCalendarDate,
} from './calendar.ts';
export type { DayNumber } from './calendar.ts';
export type { DayStay } from './stay-days.ts';
export type { DayBreach } from './rule.ts';
export { MAX_STAY_DAYS, WINDOW_DAYS } from './rule.ts';
export { STAY_ERRORS } from './errors.ts';
