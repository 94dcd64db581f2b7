/** The contact step: the mobile number with its country code, and the e-mail address. */
import type { KycRecord } from '../../record/kyc-record';
import { KYC_FIELD_LIMITS } from './field-limits';
import { identifier } from './field-rules';
import type { Context } from './findings';

export function checkContact(c: Context, r: KycRecord): KycRecord['contact'] {
  const { f } = c;
  const mobileIsd = r.contact.mobileIsd.replace(/[\s+]/g, '');
  let mobile = r.contact.mobile.trim();
  if (mobileIsd === '') f.fail('contact.mobileIsd', 'Enter the country code, like 91 for India.');
  else if (!/^\d{1,4}$/.test(mobileIsd)) f.fail('contact.mobileIsd', 'A country code has 1 to 4 digits, like 91, without +.');
  if (mobileIsd === '91') {
    mobile = identifier(c, 'contact.mobile', 'MOBILE_IN', r.contact.mobile);
  } else {
    mobile = mobile.replace(/[\s\-().]/g, '');
    const { foreignMobileMin: min, foreignMobileMax: max } = KYC_FIELD_LIMITS;
    if (mobile === '') f.fail('contact.mobile', 'Enter the mobile number.');
    else if (!/^\d+$/.test(mobile)) f.fail('contact.mobile', 'A mobile number has digits only.');
    else if (mobile.length < min || mobile.length > max) f.fail('contact.mobile', `A mobile number abroad has ${min} to ${max} digits after the country code; this has ${mobile.length}.`);
  }
  const email = r.contact.email.trim() === '' ? '' : identifier(c, 'contact.email', 'EMAIL', r.contact.email);
  return { mobileIsd, mobile, email };
}
