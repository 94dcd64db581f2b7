import { UAE_IMAGE_CODES, UAE_LIMITS, type UaeCustomer } from '../../../../shared/record-kinds/uae-customer';
import { CheckField, SelectField, TextAreaField, TextField, useFields } from '../fields';
import { optionsOf, useUaeListsInForce } from './options';
import { UaeImageSlot } from './UaeImageSlot';

const K = (field: string) => `classification.${field}`;

/** The customer's classification for the CDP's risk and compliance checks, and the profile photograph. */
export function UaeClassificationStep() {
  useUaeListsInForce();
  const { record, update } = useFields<UaeCustomer>();
  const links = record.classification.socialLinks;
  return (
    <>
      <fieldset data-path="classification.profilePhoto" tabIndex={-1}>
        <legend>Profile photograph (mandatory)</legend>
        <UaeImageSlot path={K('profilePhoto')} code={UAE_IMAGE_CODES.profilePhoto} label="Profile photograph" />
      </fieldset>
      <div className="grid">
        <SelectField path={K('customerType')} options={optionsOf('customer-types')} />
        <SelectField path={K('incomeRange')} options={optionsOf('income-ranges')} />
        <SelectField path={K('incomeCurrency')} options={optionsOf('currencies')} />
        <SelectField path={K('incomeType')} options={optionsOf('income-types')} />
        <SelectField path={K('professionCategory')} options={optionsOf('profession-categories')} />
        <SelectField path={K('riskRating')} options={optionsOf('risk-ratings')} />
        <SelectField path={K('pepCategory')} options={optionsOf('pep-categories')} />
        <SelectField path={K('profileCategory')} options={optionsOf('profile-categories')} />
        <SelectField path={K('maritalStatus')} options={optionsOf('marital-statuses')} />
        <SelectField path={K('firstLanguage')} options={optionsOf('languages')} />
        <TextField path={K('taxNumber')} />
        <TextField path={K('socialSecurityNumber')} />
        <TextField path={K('employerName')} />
        <TextField path={K('employerAddress')} />
        <TextField path={K('employerPhone')} type="tel" inputMode="tel" hint="With + and the country code." />
        <TextField path={K('establishmentId')} />
        <TextField path={K('accountReason')} />
        <TextField path={K('monthlyVolume')} inputMode="numeric" hint="Expected amount a month, digits only." />
        <TextField path={K('monthlyCount')} inputMode="numeric" hint="Expected transactions a month." />
      </div>
      <CheckField path={K('dnfbp')} label="Designated non-financial business or profession (DNFBP)" />
      <CheckField path={K('dpms')} label="Dealer in precious metals and stones (DPMS)" />
      <TextAreaField path={K('remarks')} maxLength={UAE_LIMITS.remarks} />
      <fieldset data-path="classification.socialLinks" tabIndex={-1}>
        <legend>Social links (optional)</legend>
        {links.map((_, i) => (
          <div className="grid" key={i}>
            <SelectField path={K(`socialLinks.${i}.type`)} options={optionsOf('social-link-types')} />
            <TextField path={K(`socialLinks.${i}.text`)} />
            <button type="button" className="small secondary" onClick={() => update((r) => ({ ...r, classification: { ...r.classification, socialLinks: r.classification.socialLinks.filter((__, j) => j !== i) } }))}>
              Remove link {i + 1}
            </button>
          </div>
        ))}
        {links.length < UAE_LIMITS.socialLinks && (
          <button type="button" className="small secondary" onClick={() => update((r) => ({ ...r, classification: { ...r.classification, socialLinks: [...r.classification.socialLinks, { type: '', text: '' }] } }))}>
            Add a social link
          </button>
        )}
      </fieldset>
    </>
  );
}
