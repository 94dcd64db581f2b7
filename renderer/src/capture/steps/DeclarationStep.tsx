import { KYC_VERIFICATION_MODES } from '../../../../shared/codes/ckyc-codes';
import { useAppStore } from '../../state/app-store';
import { CheckField, DateField, GroupError, SelectField, TextAreaField, TextField, useFields } from '../fields';

const MAX_TAX_COUNTRIES = 10;

/** "Verified by …": the signed-in operator, never typed into the record. */
export function VerifiedBy() {
  const operator = useAppStore((s) => s.session?.operator);
  if (!operator) return null;
  return (
    <p className="verified-by" data-testid="verified-by">
      Verified by {operator.name}, {operator.designation}, {operator.branch}
    </p>
  );
}

export function DeclarationStep() {
  const { record, change, update } = useFields();
  const tax = record.taxResidency;
  return (
    <>
      <fieldset data-path="taxResidency.countries" tabIndex={-1}>
        <legend>Tax residency</legend>
        <CheckField
          path="taxResidency.taxResidentOutsideIndia"
          label="Tax resident outside India"
          onChange={(checked) => {
            change('taxResidency.taxResidentOutsideIndia', checked);
            // Ticking it starts the list with one country to fill in.
            if (checked && tax.countries.length === 0) change('taxResidency.countries', [{ country: '', tin: '' }]);
          }}
        />
        {tax.taxResidentOutsideIndia && (
          <>
            <GroupError path="taxResidency.countries" />
            {tax.countries.map((_entry, i) => (
              <fieldset key={i} className="subgroup">
                <legend>Tax residence {i + 1}</legend>
                <div className="grid">
                  <TextField path={`taxResidency.countries.${i}.country`} hint="2-letter country code, like US" maxLength={2} autoCapitalize="characters" />
                  <TextField path={`taxResidency.countries.${i}.tin`} maxLength={30} autoCapitalize="characters" />
                </div>
                <button
                  type="button"
                  className="small secondary"
                  onClick={() => update((r) => ({ ...r, taxResidency: { ...r.taxResidency, countries: r.taxResidency.countries.filter((_, j) => j !== i) } }))}
                >
                  Remove tax residence {i + 1}
                </button>
              </fieldset>
            ))}
            {tax.countries.length < MAX_TAX_COUNTRIES && (
              <button
                type="button"
                className="secondary"
                onClick={() => update((r) => ({ ...r, taxResidency: { ...r.taxResidency, countries: [...r.taxResidency.countries, { country: '', tin: '' }] } }))}
              >
                Add a country of tax residence
              </button>
            )}
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>Declaration and verification</legend>
        <div className="grid">
          <DateField path="declaration.date" />
          <TextField path="declaration.place" maxLength={60} />
          <DateField path="verification.date" />
          <SelectField path="verification.kycMode" options={KYC_VERIFICATION_MODES} />
        </div>
        <VerifiedBy />
        <TextAreaField path="remarks" hint="Optional, at most 500 characters" maxLength={600} />
      </fieldset>
    </>
  );
}
