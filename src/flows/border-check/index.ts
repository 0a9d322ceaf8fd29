export { BorderCheck, type BorderCheckDeps } from './service.ts';
export { borderCheckRoutes } from './routes.ts';
export { sisBorderStep } from './sis-step.ts';
export type {
  BorderCheckRequest,
  BorderCheckResult,
  BorderCheckStep,
  Finding,
  FindingLevel,
  StepContext,
  Verdict,
} from './model.ts';
