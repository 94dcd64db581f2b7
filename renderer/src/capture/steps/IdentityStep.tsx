import { IDENTITY_DOCUMENT_TYPES, identityDocumentFlags } from '../../../../shared/codes/ckyc-codes';
import { CheckField, DateField, GroupError, SelectField, TextField, useFields } from '../fields';
import { SameCustomerNotice } from '../same-customer/SameCustomerNotice';

const MAX_DOCUMENTS = 10;

export function IdentityStep() {
  const { record, change, update } = useFields();
  return (
    <>
      <fieldset>
        <legend>PAN and Aadhaar</legend>
        <div className="grid">
          <TextField path="pan" label="PAN" hint="10 characters, like ABCPE1234F" maxLength={14} autoCapitalize="characters" />
          <TextField
            path="aadhaarLast4"
            label="Last 4 digits of Aadhaar"
            hint="Only the last 4 digits: never type the full Aadhaar number"
            inputMode="numeric"
            maxLength={4}
            emptyValue={undefined}
          />
        </div>
        <SameCustomerNotice path="pan" />
        <CheckField path="form60" label="Form 60 instead of PAN" />
      </fieldset>

      <fieldset data-path="identityDocuments" tabIndex={-1}>
        <legend>Identity documents</legend>
        <GroupError path="identityDocuments" />
        {record.identityDocuments.length === 0 && <p className="muted">No identity document yet.</p>}
        {record.identityDocuments.map((doc, i) => {
          const path = `identityDocuments.${i}`;
          const aadhaarBased = identityDocumentFlags(doc.code).last4Only === true;
          return (
            <fieldset key={i} className="subgroup">
              <legend>Identity document {i + 1}</legend>
              <div className="grid">
                <SelectField
                  path={`${path}.code`}
                  options={IDENTITY_DOCUMENT_TYPES}
                  onChange={(code) => {
                    change(`${path}.code`, code);
                    // An Aadhaar-based document keeps only its last 4 digits: drop a longer number typed before.
                    if (identityDocumentFlags(code).last4Only) change(`${path}.number`, '');
                  }}
                />
                <TextField
                  path={`${path}.number`}
                  hint={aadhaarBased ? 'Only the last 4 digits of the Aadhaar number' : undefined}
                  inputMode={aadhaarBased ? 'numeric' : undefined}
                  maxLength={aadhaarBased ? 4 : 40}
                  autoCapitalize="characters"
                />
                <DateField path={`${path}.expiry`} hint="Leave empty if it does not expire" />
              </div>
              <SameCustomerNotice path={`${path}.number`} />
              <button type="button" className="small secondary" onClick={() => update((r) => ({ ...r, identityDocuments: r.identityDocuments.filter((_, j) => j !== i) }))}>
                Remove identity document {i + 1}
              </button>
            </fieldset>
          );
        })}
        {record.identityDocuments.length < MAX_DOCUMENTS && (
          <button type="button" className="secondary" onClick={() => update((r) => ({ ...r, identityDocuments: [...r.identityDocuments, { code: '', number: '' }] }))}>
            Add an identity document
          </button>
        )}
      </fieldset>
    </>
  );
}
