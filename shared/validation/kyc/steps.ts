/** The capture form's steps, and which step shows each field: the step tabs count errors with it. */
import type { KycRecord } from '../../record/kyc-record';
import type { KycErrors } from './findings';

export const KYC_STEPS = ['personal', 'identity', 'addresses', 'contact', 'documents', 'declaration'] as const;
export type KycStep = (typeof KYC_STEPS)[number];

/** The form step that shows each top-level field; an error path counts for the step of its first part. */
export const FIELD_STEPS: Readonly<Record<keyof KycRecord, KycStep>> = {
  applicationType: 'personal',
  ckycNumber: 'personal',
  accountType: 'personal',
  constitution: 'personal',
  prefix: 'personal',
  firstName: 'personal',
  middleName: 'personal',
  lastName: 'personal',
  maidenName: 'personal',
  fatherOrSpouse: 'personal',
  mother: 'personal',
  gender: 'personal',
  maritalStatus: 'personal',
  dateOfBirth: 'personal',
  citizenship: 'personal',
  nationality: 'personal',
  residentialStatus: 'personal',
  occupation: 'personal',
  disability: 'personal',
  relatedPersons: 'personal',
  pan: 'identity',
  form60: 'identity',
  aadhaarLast4: 'identity',
  identityDocuments: 'identity',
  permanentAddress: 'addresses',
  correspondenceAddress: 'addresses',
  contact: 'contact',
  images: 'documents',
  inPersonVideo: 'documents',
  taxResidency: 'declaration',
  declaration: 'declaration',
  verification: 'declaration',
  remarks: 'declaration',
  unlistedPinReason: 'addresses',
  customerReference: 'declaration',
};

/** The step of an error path; a path outside the record (a malformed payload) counts for 'personal'. */
export function stepOf(path: string): KycStep {
  const head = path.split('.', 1)[0]!;
  return Object.hasOwn(FIELD_STEPS, head) ? FIELD_STEPS[head as keyof KycRecord] : 'personal';
}

/** Errors per form step, every step present (0 when clean), for the step tabs' badges. */
export function countErrorsByStep(errors: Readonly<KycErrors>): Record<KycStep, number> {
  const counts = Object.fromEntries(KYC_STEPS.map((step) => [step, 0])) as Record<KycStep, number>;
  for (const path of Object.keys(errors)) counts[stepOf(path)] += 1;
  return counts;
}
