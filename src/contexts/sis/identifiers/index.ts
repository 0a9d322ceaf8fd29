export {
  DOCUMENT_CONFUSIONS,
  PLATE_CONFUSIONS,
  compactIdentifier,
  confusionsBetween,
  describeConfusions,
  foldConfusions,
  type Confusion,
} from './fold.ts';
export { normalisePlate, type NormalisedPlate } from './plate.ts';
export { checkVin, vinCheckDigit, vinCheckDigitApplies, type VinCheck, type VinCheckDigit } from './vin.ts';
export { checkContainerNumber, containerCheckDigit, type ContainerCheck } from './container.ts';
