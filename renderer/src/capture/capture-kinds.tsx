import type { ComponentType } from 'react';
import { CKYC_INDIVIDUAL, DEFAULT_RECORD_KIND, UAE_CUSTOMER, type AnyKindRecord, type RecordKind } from '../../../shared/record-kinds';
import { UAE_IMAGE_CODES, type UaeCustomer } from '../../../shared/record-kinds/uae-customer';
import type { KycRecord } from '../../../shared/record/kyc-record';
import { RecordDetails } from '../review/RecordDetails';
import { useFields } from './fields';
import { AddressesStep } from './steps/AddressesStep';
import { ContactStep } from './steps/ContactStep';
import { DeclarationStep, VerifiedBy } from './steps/DeclarationStep';
import { DocumentsStep } from './steps/DocumentsStep';
import { IdentityStep } from './steps/IdentityStep';
import { PersonalStep } from './steps/PersonalStep';
import { UaeAddressesStep } from './uae-customer/UaeAddressesStep';
import { UaeClassificationStep } from './uae-customer/UaeClassificationStep';
import { UaeDetails } from './uae-customer/UaeDetails';
import { UaeIdsStep } from './uae-customer/UaeIdsStep';
import { UaeContactStep, UaePersonStep } from './uae-customer/UaePersonStep';

/**
 * What the screens need of a record kind (shared/record-kinds/) beyond its rules: a component for
 * each of its capture steps (they read and change the record through FieldsProvider) and the
 * checker's view of its fields. The flow and the review ask here; a kind adds one line below.
 */
export interface CaptureKind<R = AnyKindRecord> {
  kind: RecordKind<R>;
  /** One component per step id of `kind.steps`. */
  steps: Readonly<Record<string, ComponentType>>;
  /** The record's fields as the checker reads them beside its images. */
  Details: ComponentType<{ record: R }>;
  /** What the flow's Review step shows of the record being captured, above its problems. */
  Review: ComponentType;
  /** How the review names an image by its code; absent: by CKYC's image list. */
  imageName?(code: string): string;
  /** Where a supervisor's sync sends the record, for the form's first line; absent: the registry. */
  sentTo?: string;
}

/**
 * A kind's form among the others. The flow and the review hand a form only records of its own
 * kind (they pick the form by the record's kind), so its record type widens to the contract's.
 */
function anyKind<R>(form: CaptureKind<R>): CaptureKind {
  return form as unknown as CaptureKind;
}

/** The individual as it will be saved, and who will be named as verifying it. */
function IndividualReview() {
  const { record } = useFields();
  return (
    <>
      <RecordDetails record={record} />
      <VerifiedBy />
    </>
  );
}

const CKYC_INDIVIDUAL_FORM: CaptureKind<KycRecord> = {
  kind: CKYC_INDIVIDUAL,
  steps: { personal: PersonalStep, identity: IdentityStep, addresses: AddressesStep, contact: ContactStep, documents: DocumentsStep, declaration: DeclarationStep },
  Details: RecordDetails,
  Review: IndividualReview,
};

/** The UAE customer as it will be saved. */
function UaeReview() {
  return <UaeDetails record={useFields<UaeCustomer>().record} />;
}

const UAE_IMAGE_NAMES: Readonly<Record<string, string>> = { [UAE_IMAGE_CODES.idFront]: 'Id front', [UAE_IMAGE_CODES.idBack]: 'Id back', [UAE_IMAGE_CODES.profilePhoto]: 'Profile photograph' };

const UAE_CUSTOMER_FORM: CaptureKind<UaeCustomer> = {
  kind: UAE_CUSTOMER,
  steps: { person: UaePersonStep, contact: UaeContactStep, addresses: UaeAddressesStep, ids: UaeIdsStep, classification: UaeClassificationStep },
  Details: UaeDetails,
  Review: UaeReview,
  imageName: (code) => UAE_IMAGE_NAMES[code] ?? `Image ${code}`,
  sentTo: 'the UAE customer data platform (CDP)',
};

/** The capture form of every kind this version can capture, one line each. */
const CAPTURE_KINDS: readonly CaptureKind[] = [
  anyKind(CKYC_INDIVIDUAL_FORM),
  anyKind(UAE_CUSTOMER_FORM),
];

/**
 * The form of the kind named `id` (none named: the CKYC individual); undefined for a kind this
 * version cannot show, which is then said so, never shown in another kind's form.
 */
export function captureKind(id: string | undefined): CaptureKind | undefined {
  const wanted = id ?? DEFAULT_RECORD_KIND;
  return CAPTURE_KINDS.find((form) => form.kind.id === wanted);
}

/** For the screen that finds no form for a record's kind. */
export function unknownFormMessage(id: string | undefined): string {
  return `This version of KYC Desk cannot show records of the kind ${JSON.stringify(id ?? DEFAULT_RECORD_KIND)}.`;
}
