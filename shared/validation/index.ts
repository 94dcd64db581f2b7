export {
  validateIdentifier,
  isIdentifierType,
  IDENTIFIER_TYPES,
  validatePan,
  validateIndianMobile,
  validatePinCode,
  validateAadhaar,
  validateVid,
  validateVoterId,
  validatePassport,
  validateDrivingLicence,
  validateNregaJobCard,
  validateCkycNumber,
  validateEmail,
  validateEmiratesId,
  validateUdid,
  maskAadhaar,
  aadhaarLast4,
  isDrivingLicenceStateCode,
  DRIVING_LICENCE_LEGACY_STATE_PREFIXES,
  NREGA_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  EARLIEST_IDENTIFIER_YEAR,
} from './identifiers';
export type { IdentifierType, IdentifierResult } from './identifiers';
export { verhoeffCheckDigit, isVerhoeffValid, luhnValid, luhnCheckDigit } from './checksums';
export { validateDateOfBirth, parseIsoDate, localToday, formatIsoDate } from './dates';
export type { CalendarDate } from './dates';
export { validateIndividual, validateIndividualField, tidySpaces, FIELD_LIMITS } from './individual';
export type { IndividualCheck, FieldCheck } from './individual';
export { validateKycRecord, countErrorsByStep, stepOf, FIELD_STEPS, KYC_STEPS, KYC_FIELD_LIMITS, type KycErrors, type KycRecordCheck, type KycStep } from './kyc-record';
