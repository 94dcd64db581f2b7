import { IN_PERSON_VIDEO_CODE } from '../../documents/in-person-video';
import { emptyKycRecord, fieldLabel, kycRecordSchema, type KycRecord } from '../../record/kyc-record';
import { validateKycRecord } from '../../validation/kyc-record';
import { KYC_STEPS, stepOf, type KycStep } from '../../validation/kyc/steps';
import type { RecordKind } from '../record-kind';
import { individualColumns, individualFreeTextFields } from './columns';
import { checkUnlistedPin } from './unlisted-pin';

export const CKYC_INDIVIDUAL_KIND_ID = 'ckyc-individual';

/** The capture form's tab titles for the individual's steps (shared/validation/kyc/steps.ts holds which field each step shows). */
export const INDIVIDUAL_STEP_TITLES: Readonly<Record<KycStep, string>> = {
  personal: 'Personal',
  identity: 'Identity',
  addresses: 'Addresses',
  contact: 'Contact',
  documents: 'Documents & photograph',
  declaration: 'Declaration',
};

/**
 * The CKYC individual, the first kind: the canonical record every CKYC connector maps from
 * (shared/record/kyc-record.ts), its rules (shared/validation/kyc-record.ts, one file per step in
 * validation/kyc/) and its step map. This file wires them into the RecordKind shape and copies no rule.
 */
export const CKYC_INDIVIDUAL: RecordKind<KycRecord> = {
  id: CKYC_INDIVIDUAL_KIND_ID,
  label: 'CKYC individual',
  schema: kycRecordSchema,
  steps: KYC_STEPS.map((id) => ({ id, title: INDIVIDUAL_STEP_TITLES[id] })),
  stepOf,
  fieldLabel,
  blank: emptyKycRecord,
  validate: validateKycRecord,
  checkBeforeSave: checkUnlistedPin,
  freeTextFields: individualFreeTextFields,
  columns: individualColumns,
  // The in-person video is a document of the record (checked, linked, purged with it) kept apart
  // from `images`, which are CKYC's: the CKYC connectors send `images` only.
  images: (record) => (record.inPersonVideo ? [...record.images, record.inPersonVideo] : record.images),
  withImages: (record, images) => {
    const { inPersonVideo: _dropped, ...rest } = record;
    const video = images.find((image) => image.code === IN_PERSON_VIDEO_CODE);
    return { ...rest, images: images.filter((image) => image.code !== IN_PERSON_VIDEO_CODE), ...(video ? { inPersonVideo: video } : {}) };
  },
  withReference: (record, reference) => ({ ...record, customerReference: reference }),
  sameCustomerFields: (record) => ({
    pan: record.pan,
    identityDocuments: record.identityDocuments,
    ckycNumber: record.ckycNumber,
    ...(record.applicationType === '03' ? { updateOf: record.ckycNumber } : {}),
  }),
};
