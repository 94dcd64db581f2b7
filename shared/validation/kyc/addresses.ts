/** The addresses step: the permanent address, the correspondence address and why a PIN code is not listed. */
import { ADDRESS_PROOF_TYPES, ADDRESS_TYPES, IDENTITY_DOCUMENT_TYPES, addressProofFlags, codeLabel } from '../../codes/ckyc-codes';
import { isIndianStateCode } from '../../codes/states';
import type { Address, CorrespondenceAddress, KycRecord } from '../../record/kyc-record';
import { freeTextProblem } from '../free-text';
import { tidySpaces } from '../individual';
import { KYC_FIELD_LIMITS } from './field-limits';
import { addressLine, choice, country, identifier, NOT_IN_REMARKS, place } from './field-rules';
import type { Context } from './findings';

function address(c: Context, path: string, value: Address, permanent: boolean): Address {
  const poaCode = choice(c, `${path}.poaCode`, value.poaCode, ADDRESS_PROOF_TYPES, true);
  if (permanent && addressProofFlags(poaCode).currentAddressOnly) {
    c.f.fail(
      `${path}.poaCode`,
      `A ${codeLabel(ADDRESS_PROOF_TYPES, poaCode)?.toLowerCase()} can prove the correspondence address only. Choose another proof for the permanent address.`,
    );
  }
  const countryCode = country(c, `${path}.country`, value.country, true);
  const indian = countryCode === 'IN';
  const out: Address = {
    poaCode,
    line1: addressLine(c, `${path}.line1`, value.line1, true),
    line2: addressLine(c, `${path}.line2`, value.line2, false),
    line3: addressLine(c, `${path}.line3`, value.line3, false),
    cityOrVtc: place(c, `${path}.cityOrVtc`, value.cityOrVtc, KYC_FIELD_LIMITS.city, true),
    district: place(c, `${path}.district`, value.district, KYC_FIELD_LIMITS.district, indian),
    state: '',
    country: countryCode,
    pinCode: '',
  };
  if (indian) {
    out.state = value.state.trim().toUpperCase();
    if (out.state === '') c.f.fail(`${path}.state`, 'Choose the state.');
    else if (!isIndianStateCode(out.state)) c.f.fail(`${path}.state`, 'Choose a state from the list.');
    out.pinCode = identifier(c, `${path}.pinCode`, 'PIN_CODE', value.pinCode);
  } else {
    out.state = place(c, `${path}.state`, value.state, KYC_FIELD_LIMITS.foreignState, false);
    out.pinCode = value.pinCode.replace(/\s+/g, '').toUpperCase();
    const max = KYC_FIELD_LIMITS.foreignPostalCode;
    if (out.pinCode.length > max) c.f.fail(`${path}.pinCode`, `A postal code can have at most ${max} characters; this has ${out.pinCode.length}.`);
    else if (!/^[A-Z0-9-]*$/.test(out.pinCode)) c.f.fail(`${path}.pinCode`, 'A postal code has letters, digits and hyphens only.');
  }
  return out;
}

function correspondence(c: Context, value: CorrespondenceAddress): CorrespondenceAddress {
  const path = 'correspondenceAddress';
  if (value.sameAsPermanent) {
    // The permanent address is used; whatever was typed here before the box was ticked is dropped.
    return { poaCode: '', line1: '', line2: '', line3: '', cityOrVtc: '', district: '', state: '', country: '', pinCode: '', sameAsPermanent: true, addressType: '' };
  }
  const { sameAsPermanent: _same, addressType, ...rest } = value;
  return {
    ...address(c, path, rest, false),
    sameAsPermanent: false,
    addressType: choice(c, `${path}.addressType`, addressType, ADDRESS_TYPES, true),
  };
}

/**
 * Both addresses. A proof of address that is also an identity document (`identityCodes`: the codes
 * listed on the identity step) must be listed there too, since its number goes with the proof.
 */
export function checkAddresses(
  c: Context,
  r: KycRecord,
  identityCodes: ReadonlyMap<string, number>,
): Pick<KycRecord, 'permanentAddress' | 'correspondenceAddress'> {
  const permanentAddress = address(c, 'permanentAddress', r.permanentAddress, true);
  const sameDocument = addressProofFlags(permanentAddress.poaCode).identityCode;
  if (sameDocument !== undefined && !identityCodes.has(sameDocument) && !c.f.has('permanentAddress.poaCode')) {
    const document = codeLabel(IDENTITY_DOCUMENT_TYPES, sameDocument)?.toLowerCase();
    c.f.fail('permanentAddress.poaCode', `Add the ${document} under identity documents too: its number goes with the proof of address.`);
  }
  const correspondenceAddress = correspondence(c, r.correspondenceAddress);
  return { permanentAddress, correspondenceAddress };
}

/** Why the operator kept a PIN code the list does not know: free text under the same rules as the remarks. */
export function checkUnlistedPinReason(c: Context, r: KycRecord): string {
  const unlistedPinReason = tidySpaces(r.unlistedPinReason ?? '');
  if (unlistedPinReason.length > KYC_FIELD_LIMITS.unlistedPinReason) {
    c.f.fail('unlistedPinReason', `Use at most ${KYC_FIELD_LIMITS.unlistedPinReason} characters; this has ${unlistedPinReason.length}.`);
  } else if (NOT_IN_REMARKS.test(unlistedPinReason)) {
    c.f.fail('unlistedPinReason', 'This cannot contain the | character or control characters.');
  } else {
    const problem = freeTextProblem(r.unlistedPinReason ?? '');
    if (problem !== undefined) c.f.fail('unlistedPinReason', problem);
  }
  return unlistedPinReason;
}
