export { BorderCheck, type BorderCheckDeps } from './service.ts';
export { borderCheckRoutes } from './routes.ts';
export { FINDING_CODES, type FindingCode } from './model.ts';
export type {
  BiometricComparison,
  BorderCheckRequest,
  BorderCheckResult,
  DocumentHolder,
  EesBiometricResult,
  BorderCheckStep,
  Finding,
  FindingLevel,
  StepContext,
  StepOutcome,
  Verdict,
} from './model.ts';
