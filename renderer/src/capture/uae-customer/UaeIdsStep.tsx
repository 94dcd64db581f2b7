import { ID_TYPE_EMIRATES_ID, ID_TYPE_PASSPORT } from '../../../../shared/master-data/uae-lists';
import { blankUaeId, UAE_IMAGE_CODES, UAE_LIMITS, type UaeCustomer, uaeFieldLabel } from '../../../../shared/record-kinds/uae-customer';
import { CheckField, DateField, SelectField, TextField, useFields } from '../fields';
import { SameCustomerNotice } from '../same-customer/SameCustomerNotice';
import { CdpLookUp } from './CdpLookUp';
import { optionsOf, useUaeListsInForce } from './options';
import { UaeImageSlot } from './UaeImageSlot';

function idTitle(type: string, i: number): string {
  if (type === ID_TYPE_EMIRATES_ID) return 'Emirates ID';
  if (type === ID_TYPE_PASSPORT) return 'Passport';
  return `Id ${i + 1}`;
}

/**
 * The customer's ids with both sides' images: the Emirates ID (15 digits starting 784, checked as
 * typed) and the passport with the residence visa. An expired id or visa is refused here, with its date.
 * A valid Emirates ID can be looked up on the UAE CDP from here, before the customer is captured in full.
 */
export function UaeIdsStep() {
  useUaeListsInForce();
  const { record, update } = useFields<UaeCustomer>();
  return (
    <>
      {record.ids.map((id, i) => {
        const p = (part: string) => `ids.${i}.${part}`;
        const title = idTitle(id.type, i);
        return (
          <fieldset key={i} data-path={`ids.${i}`} tabIndex={-1}>
            <legend>{title}{i === 0 ? '' : ' (optional)'}</legend>
            <div className="grid">
              <SelectField path={p('type')} label={uaeFieldLabel('type')} options={optionsOf('id-types')} />
              <div>
                <TextField path={p('number')} label={uaeFieldLabel('number')} hint={id.type === ID_TYPE_EMIRATES_ID ? 'Like 784-1990-1234567-6.' : undefined} autoCapitalize="characters" />
                <SameCustomerNotice path={p('number')} />
                {id.type === ID_TYPE_EMIRATES_ID && <CdpLookUp number={id.number} fieldLabel={`${title} number`} />}
              </div>
              <TextField path={p('nameAsPerId')} label={uaeFieldLabel('nameAsPerId')} autoCapitalize="characters" />
              <SelectField path={p('issuedCountry')} label={uaeFieldLabel('issuedCountry')} options={optionsOf('countries')} />
              <TextField path={p('issuedBy')} label={uaeFieldLabel('issuedBy')} />
              <TextField path={p('issuedAt')} label={uaeFieldLabel('issuedAt')} />
              <DateField path={p('issuedOn')} label={uaeFieldLabel('issuedOn')} />
              <DateField path={p('expiry')} label={uaeFieldLabel('expiry')} />
              {id.type === ID_TYPE_PASSPORT && (
                <>
                  <TextField path={p('visaNumber')} label={uaeFieldLabel('visaNumber')} hint="The UAE residence visa in this passport, if any." autoCapitalize="characters" />
                  <DateField path={p('visaExpiry')} label={uaeFieldLabel('visaExpiry')} />
                </>
              )}
            </div>
            <CheckField path={p('isDefault')} label="The customer’s default id" />
            <CheckField path={p('active')} label="Active" />
            <div className="grid">
              <UaeImageSlot path={p('front')} code={UAE_IMAGE_CODES.idFront} label={`${title} front`} />
              <UaeImageSlot path={p('back')} code={UAE_IMAGE_CODES.idBack} label={`${title} back`} />
            </div>
            {i > 0 && (
              <button type="button" className="small secondary" onClick={() => update((r) => ({ ...r, ids: r.ids.filter((_, j) => j !== i) }))}>
                Remove this {title.toLowerCase()}
              </button>
            )}
          </fieldset>
        );
      })}
      {record.ids.length < UAE_LIMITS.ids && (
        <button type="button" className="secondary" onClick={() => update((r) => ({ ...r, ids: [...r.ids, blankUaeId(r.ids.some((id) => id.type === ID_TYPE_PASSPORT) ? '' : ID_TYPE_PASSPORT, '')] }))}>
          Add another id
        </button>
      )}
    </>
  );
}
