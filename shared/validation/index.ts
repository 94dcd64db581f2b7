export { validateIdentifier, validatePan, validateIndianMobile, validatePinCode } from './identifiers';
export type { IdentifierType, IdentifierResult } from './identifiers';
export { validateDateOfBirth, parseIsoDate, localToday, formatIsoDate } from './dates';
export { validateIndividual, validateIndividualField, tidySpaces, FIELD_LIMITS } from './individual';
export type { IndividualCheck, FieldCheck } from './individual';
