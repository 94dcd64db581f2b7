import { useId, useState } from 'react';
import {
  ACCOUNT_TYPES,
  APPLICATION_TYPES,
  FATHER_OR_SPOUSE_FLAGS,
  GENDER_CODES,
  IDENTITY_DOCUMENT_TYPES,
  IMPAIRMENT_TYPES,
  MARITAL_STATUSES,
  NAME_PREFIXES,
  OCCUPATIONS,
  RELATED_PERSON_TYPES,
  RESIDENTIAL_STATUSES,
  identityDocumentFlags,
} from '../../../../shared/codes/ckyc-codes';
import type { RelatedPerson } from '../../../../shared/record/kyc-record';
import { SameCustomerNotice } from '../same-customer/SameCustomerNotice';
import { CheckField, DateField, GroupError, SelectField, TextField, useFields } from '../fields';

const NAME_MAX = 50;

const EMPTY_RELATED_PERSON: RelatedPerson = { type: '', prefix: '', name: '', relation: '', identity: { code: '', number: '' } };

function NameParts({ path, prefix = true }: { path: string; prefix?: boolean }) {
  return (
    <>
      {prefix && <SelectField path={`${path}.prefix`} options={NAME_PREFIXES} />}
      <TextField path={`${path}.firstName`} maxLength={NAME_MAX} autoCapitalize="characters" />
      <TextField path={`${path}.middleName`} maxLength={NAME_MAX} autoCapitalize="characters" />
      <TextField path={`${path}.lastName`} maxLength={NAME_MAX} autoCapitalize="characters" />
    </>
  );
}

export function PersonalStep() {
  const { record, change, update } = useFields();
  const hasMaidenName = Object.values(record.maidenName).some((part) => part.trim() !== '');
  const [showMaiden, setShowMaiden] = useState(hasMaidenName);
  const maidenOpen = showMaiden || hasMaidenName;
  const maidenId = useId();

  return (
    <>
      <fieldset>
        <legend>Application</legend>
        <div className="grid">
          <SelectField path="applicationType" options={APPLICATION_TYPES} />
          {record.applicationType === '03' && <TextField path="ckycNumber" hint="14 digits" inputMode="numeric" maxLength={20} />}
          {record.applicationType === '03' && <SameCustomerNotice path="ckycNumber" />}
          <SelectField path="accountType" options={ACCOUNT_TYPES} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Customer’s name</legend>
        <div className="grid">
          <SelectField path="prefix" options={NAME_PREFIXES} />
          <TextField path="firstName" label="First name" maxLength={60} autoCapitalize="characters" />
          <TextField path="middleName" maxLength={60} autoCapitalize="characters" />
          <TextField path="lastName" label="Last name" maxLength={60} autoCapitalize="characters" />
        </div>
        {!hasMaidenName && (
          <p>
            <button type="button" className="link" aria-expanded={maidenOpen} aria-controls={maidenOpen ? maidenId : undefined} onClick={() => setShowMaiden((open) => !open)}>
              {maidenOpen ? 'Hide the maiden name' : 'Add a maiden name'}
            </button>
          </p>
        )}
        {maidenOpen && (
          <fieldset className="subgroup" id={maidenId}>
            <legend>Maiden name (optional)</legend>
            <div className="grid">
              <NameParts path="maidenName" />
            </div>
          </fieldset>
        )}
      </fieldset>

      <fieldset>
        <legend>Father’s or spouse’s name</legend>
        <div className="grid">
          <SelectField path="fatherOrSpouse.relation" options={FATHER_OR_SPOUSE_FLAGS} />
          <NameParts path="fatherOrSpouse" />
        </div>
      </fieldset>

      <fieldset>
        <legend>Mother’s name</legend>
        <div className="grid">
          <NameParts path="mother" />
        </div>
        <p className="field__hint">The registry needs the father’s or spouse’s name, the mother’s name, or both.</p>
      </fieldset>

      <fieldset>
        <legend>About the customer</legend>
        <div className="grid">
          <SelectField path="gender" label="Gender" options={GENDER_CODES} />
          <SelectField path="maritalStatus" options={MARITAL_STATUSES} />
          <DateField path="dateOfBirth" label="Date of birth" />
          <TextField path="citizenship" hint="2-letter country code, like IN" maxLength={2} autoCapitalize="characters" />
          <TextField path="nationality" hint="2-letter country code, like IN" maxLength={2} autoCapitalize="characters" />
          <SelectField path="residentialStatus" options={RESIDENTIAL_STATUSES} />
          <SelectField path="occupation" options={OCCUPATIONS} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Disability</legend>
        <CheckField path="disability.flag" label="Differently abled" />
        {record.disability.flag && (
          <div className="grid">
            <SelectField path="disability.impairmentType" options={IMPAIRMENT_TYPES} />
            <TextField path="disability.percentage" hint="As on the certificate, 0 to 100" inputMode="numeric" maxLength={4} />
            <TextField path="disability.udid" hint="2 letters and 16 digits" maxLength={24} autoCapitalize="characters" />
          </div>
        )}
      </fieldset>

      <fieldset data-path="relatedPersons" tabIndex={-1}>
        <legend>Related persons</legend>
        <p className="field__hint">A minor needs a guardian: add a related person of the type Guardian of minor.</p>
        <GroupError path="relatedPersons" />
        {record.relatedPersons.map((_person, i) => {
          const path = `relatedPersons.${i}`;
          const aadhaarBased = identityDocumentFlags(record.relatedPersons[i]!.identity.code).last4Only === true;
          return (
            <fieldset key={i} className="subgroup">
              <legend>Related person {i + 1}</legend>
              <div className="grid">
                <SelectField path={`${path}.type`} options={RELATED_PERSON_TYPES} />
                <SelectField path={`${path}.prefix`} options={NAME_PREFIXES} />
                <TextField path={`${path}.name`} hint="Full name" maxLength={150} autoCapitalize="characters" />
                <TextField path={`${path}.relation`} hint="In words: Father, Aunt …" maxLength={50} />
                <SelectField
                  path={`${path}.identity.code`}
                  options={IDENTITY_DOCUMENT_TYPES}
                  onChange={(code) => {
                    change(`${path}.identity.code`, code);
                    // An Aadhaar-based document keeps only 4 digits: never let a longer number through.
                    if (identityDocumentFlags(code).last4Only) change(`${path}.identity.number`, '');
                  }}
                />
                <TextField
                  path={`${path}.identity.number`}
                  hint={aadhaarBased ? 'Only the last 4 digits of the Aadhaar number' : undefined}
                  inputMode={aadhaarBased ? 'numeric' : undefined}
                  maxLength={aadhaarBased ? 4 : 40}
                />
              </div>
              <button type="button" className="small secondary" onClick={() => update((r) => ({ ...r, relatedPersons: r.relatedPersons.filter((_, j) => j !== i) }))}>
                Remove related person {i + 1}
              </button>
            </fieldset>
          );
        })}
        {record.relatedPersons.length < 15 && (
          <button type="button" className="secondary" onClick={() => update((r) => ({ ...r, relatedPersons: [...r.relatedPersons, { ...EMPTY_RELATED_PERSON, identity: { code: '', number: '' } }] }))}>
            Add a related person
          </button>
        )}
      </fieldset>
    </>
  );
}
