import { blankUaeAddress, UAE_LIMITS, type UaeCustomer, uaeFieldLabel } from '../../../../shared/record-kinds/uae-customer';
import { SelectField, TextField, useFields } from '../fields';
import { optionsOf, useUaeListsInForce } from './options';

const TITLES = ['Home in the UAE', 'Home country address', 'Third address', 'Fourth address'];

/** The addresses: the home in the UAE (mandatory), the home country's and any other; a blank extra one is left out. */
export function UaeAddressesStep() {
  useUaeListsInForce();
  const { record, update } = useFields<UaeCustomer>();
  return (
    <>
      {record.addresses.map((_, i) => {
        const p = (part: string) => `addresses.${i}.${part}`;
        return (
          <fieldset key={i} data-path={`addresses.${i}`} tabIndex={-1}>
            <legend>{TITLES[i] ?? `Address ${i + 1}`}{i === 0 ? '' : ' (optional)'}</legend>
            <div className="grid">
              <SelectField path={p('type')} label={uaeFieldLabel('type')} options={optionsOf('address-types')} />
              <TextField path={p('building')} label={uaeFieldLabel('building')} />
              <TextField path={p('street')} label={uaeFieldLabel('street')} />
              <TextField path={p('landmark')} label={uaeFieldLabel('landmark')} />
              <TextField path={p('city')} label={uaeFieldLabel('city')} />
              <TextField path={p('district')} label={uaeFieldLabel('district')} />
              <TextField path={p('state')} label={uaeFieldLabel('state')} />
              <SelectField path={p('country')} label={uaeFieldLabel('country')} options={optionsOf('countries')} />
              <TextField path={p('zip')} label={uaeFieldLabel('zip')} inputMode="numeric" />
              <TextField path={p('poBox')} label={uaeFieldLabel('poBox')} />
              <TextField path={p('mobile')} label={uaeFieldLabel('mobile')} type="tel" inputMode="tel" hint="Optional, with + and the country code." />
            </div>
            {i > 0 && (
              <button type="button" className="small secondary" onClick={() => update((r) => ({ ...r, addresses: r.addresses.filter((__, j) => j !== i) }))}>
                Remove the {(TITLES[i] ?? `address ${i + 1}`).toLowerCase()}
              </button>
            )}
          </fieldset>
        );
      })}
      {record.addresses.length < UAE_LIMITS.addresses && (
        <button type="button" className="secondary" onClick={() => update((r) => ({ ...r, addresses: [...r.addresses, blankUaeAddress(r.addresses.length === 1 ? '2' : '', '')] }))}>
          Add {record.addresses.length === 1 ? 'the home country address' : 'another address'}
        </button>
      )}
    </>
  );
}
