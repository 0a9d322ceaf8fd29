import type { Actor } from '../access/index.ts';
import type { AlertCategory, ObjectType } from './model.ts';

/** Object types a logistics-hub operator's readers check: vehicles, plates and containers. */
export const HUB_OBJECT_TYPES: readonly ObjectType[] = Object.freeze([
  'motor-vehicle',
  'trailer',
  'caravan',
  'number-plate',
  'container',
]);

/** Object types a visa authority checks: documents (regulations digest §8.3: refusal, return, documents). */
const VISA_OBJECT_TYPES: readonly ObjectType[] = Object.freeze(['blank-document', 'issued-document']);
const VISA_PERSON_CATEGORIES: readonly AlertCategory[] = Object.freeze([
  'refusal',
  'restrictive-measure',
  'return',
]);

/** The part of an alert that decides who may see it. */
export interface AlertScope {
  category: AlertCategory;
  objectType: ObjectType | null;
  covert: boolean;
}

/**
 * Whether the actor's profile may see an alert at all (regulations digest §8.3): SIRENE, police, border
 * and immigration authorities see every category; visa authorities refusal, return and document alerts; a
 * hub operator only vehicle, plate and container alerts that are not covert — never a person alert.
 */
export function canSeeAlert(actor: Actor, scope: AlertScope): boolean {
  switch (actor.authorityType) {
    case 'sirene':
    case 'police':
    case 'border':
    case 'immigration':
    case 'system':
      return true;
    case 'visa':
      return (
        VISA_PERSON_CATEGORIES.includes(scope.category) ||
        (scope.objectType !== null && VISA_OBJECT_TYPES.includes(scope.objectType))
      );
    case 'hub-operator':
      return !scope.covert && scope.objectType !== null && HUB_OBJECT_TYPES.includes(scope.objectType);
    // Analysts see nothing personal; the other authorities reach SIS only through automated checks.
    case 'analyst':
    case 'data-protection':
    case 'administrator':
    case 'asylum':
    case 'carrier':
    case 'etias-central':
    case 'etias-national':
      return false;
  }
}

/**
 * Whether the actor sees the alert's category and its legal basis, or only that it must be handled
 * discreetly: covert alerts (art. 36 checks, art. 37a information alerts) are named only to SIRENE and the
 * police, so that a screen at a counter never shows the person what kind of alert it is.
 */
export function seesCovertDetail(actor: Actor): boolean {
  return (
    actor.authorityType === 'sirene' || actor.authorityType === 'police' || actor.authorityType === 'system'
  );
}
