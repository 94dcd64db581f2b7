import { ADDRESS_PROOF_TYPES, ADDRESS_TYPES } from '../../../../shared/codes/ckyc-codes';
import { INDIAN_STATES, stateName } from '../../../../shared/codes/states';
import type { KycRecord } from '../../../../shared/record/kyc-record';
import { CheckField, SelectField, TextField, useFields } from '../fields';
import { usePinLookup, type PinInfo } from '../use-pin-lookup';

/** Labels of the permanent address, as the thin form had them. */
const PERMANENT_LABELS = {
  line1: 'Address line 1',
  line2: 'Address line 2',
  line3: 'Address line 3',
  cityOrVtc: 'City',
  district: 'District',
  state: 'State',
  pinCode: 'PIN code',
  country: 'Country',
  poaCode: 'Proof of address',
} as const;

type AddressPart = keyof typeof PERMANENT_LABELS;

function AddressFields({ base, labels }: { base: 'permanentAddress' | 'correspondenceAddress'; labels?: Record<AddressPart, string> }) {
  const { record } = useFields();
  const address = record[base];
  const indian = address.country.trim().toUpperCase() === 'IN';
  const label = (part: AddressPart) => labels?.[part];
  const path = (part: AddressPart) => `${base}.${part}`;
  return (
    <div className="grid">
      <TextField path={path('line1')} label={label('line1')} maxLength={70} />
      <TextField path={path('line2')} label={label('line2')} maxLength={70} />
      <TextField path={path('line3')} label={label('line3')} maxLength={70} />
      <TextField path={path('cityOrVtc')} label={label('cityOrVtc')} maxLength={60} />
      <TextField path={path('district')} label={label('district')} maxLength={60} />
      {indian ? (
        <SelectField path={path('state')} label={label('state')} options={INDIAN_STATES} />
      ) : (
        <TextField path={path('state')} label={label('state')} hint="State or province" maxLength={60} />
      )}
      <TextField path={path('pinCode')} label={label('pinCode')} hint={indian ? '6 digits' : 'Postal code, if any'} inputMode={indian ? 'numeric' : 'text'} maxLength={indian ? 8 : 12} />
      <TextField path={path('country')} label={label('country')} hint="2-letter country code, like IN" maxLength={2} autoCapitalize="characters" />
      <SelectField path={path('poaCode')} label={label('poaCode')} options={ADDRESS_PROOF_TYPES} />
    </div>
  );
}

export function AddressesStep() {
  const { record, update } = useFields();
  const permanent = record.permanentAddress;
  // A PIN from the master fills the state the operator has not chosen yet, and the district when the
  // PIN has only one; a different choice is kept (the master may be older than the address) but questioned.
  const pinInfo = usePinLookup(permanent.country.trim().toUpperCase() === 'IN' ? permanent.pinCode : '', (info) => {
    if (!info.found) return;
    update((current: KycRecord) => {
      const address = current.permanentAddress;
      const state = address.state === '' && info.state ? info.state : address.state;
      const district = address.district.trim() === '' && info.districts.length === 1 ? info.districts[0]! : address.district;
      if (state === address.state && district === address.district) return current;
      return { ...current, permanentAddress: { ...address, state, district } };
    });
  });

  return (
    <>
      <fieldset>
        <legend>Permanent address</legend>
        <AddressFields base="permanentAddress" labels={PERMANENT_LABELS} />
        {pinInfo && <PinNote info={pinInfo} chosenState={permanent.state} />}
      </fieldset>
      <fieldset>
        <legend>Correspondence address</legend>
        <CheckField path="correspondenceAddress.sameAsPermanent" label="Same as permanent address" />
        {!record.correspondenceAddress.sameAsPermanent && (
          <>
            <div className="grid">
              <SelectField path="correspondenceAddress.addressType" options={ADDRESS_TYPES} />
            </div>
            <AddressFields base="correspondenceAddress" />
          </>
        )}
      </fieldset>
    </>
  );
}

function PinNote({ info, chosenState }: { info: PinInfo; chosenState: string }) {
  if (!info.found) {
    // The list may be older than the PIN: the operator may keep it, saying why (main asks for it).
    return (
      <>
        <p className="notice notice--warning" role="status" data-testid="pin-note">
          PIN {info.pin}: {info.message}
        </p>
        <div className="grid">
          <TextField path="unlistedPinReason" label="Why this PIN is right" hint="For example: a new PIN, checked on the customer’s letter" maxLength={300} />
        </div>
      </>
    );
  }
  const mismatch = chosenState !== '' && info.state !== chosenState;
  return (
    <p className={`notice${mismatch ? ' notice--warning' : ''}`} role="status" data-testid="pin-note">
      PIN {info.pin} is in {stateName(info.state ?? '') ?? info.state}
      {info.districts.length > 0 ? `, district ${info.districts.join(' or ')}` : ''}.
      {mismatch ? ` You chose ${stateName(chosenState) ?? chosenState}: check the PIN or the state.` : ''}
      <span className="muted"> (PIN list: {info.source})</span>
    </p>
  );
}
