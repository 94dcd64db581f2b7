import { shownDate } from '../../../../shared/dates/typed-date';
import { ID_TYPE_PASSPORT, uaeLabel, type UaeListName } from '../../../../shared/master-data/uae-lists';
import type { UaeAddress, UaeCustomer, UaeId } from '../../../../shared/record-kinds/uae-customer';

const NOT_GIVEN = '—';

function show(value: string): string {
  return value.trim() === '' ? NOT_GIVEN : value.trim();
}

/** A code in words, from the list in force (the code itself when the list lacks it). */
function named(list: UaeListName, code: string): string {
  return code.trim() === '' ? NOT_GIVEN : uaeLabel(list, code.trim());
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** A count in Indian grouping (1,00,000), as the app shows every count. */
function count(text: string): string {
  return text.trim() === '' || !/^\d+$/.test(text.trim()) ? show(text) : Number(text.trim()).toLocaleString('en-IN');
}

function addressText(a: UaeAddress): string {
  const parts = [a.building, a.street, a.landmark, a.city, a.district, a.state, a.zip, a.poBox === '' ? '' : `PO box ${a.poBox}`].map((p) => p.trim()).filter(Boolean);
  return `${named('address-types', a.type)}: ${show(parts.join(', '))}, ${named('countries', a.country)}${a.mobile.trim() === '' ? '' : `, mobile ${a.mobile.trim()}`}`;
}

function idText(id: UaeId): string {
  const issued = [id.issuedBy, id.issuedAt].map((p) => p.trim()).filter(Boolean).join(', ');
  const visa = id.type === ID_TYPE_PASSPORT && id.visaNumber.trim() !== '' ? `; visa ${id.visaNumber.trim()} to ${show(shownDate(id.visaExpiry))}` : '';
  const sides = [id.front ? 'front' : '', id.back ? 'back' : ''].filter(Boolean).join(' and ');
  return `${named('id-types', id.type)} ${show(id.number)}, ${show(id.nameAsPerId)}, issued by ${named('countries', id.issuedCountry)}${issued ? ` (${issued})` : ''} on ${show(shownDate(id.issuedOn))}, valid to ${show(shownDate(id.expiry))}${visa}${id.isDefault ? '; default' : ''}${id.active ? '' : '; not active'}; images: ${sides || 'none'}`;
}

/** The UAE customer in plain words, as the maker checks it before saving and the checker before approving. */
export function UaeDetails({ record: r }: { record: UaeCustomer }) {
  const k = r.classification;
  const rows: Array<[string, string]> = [
    ['Name', show([named('salutations', r.salutation), r.firstName, r.middleName, r.lastName].map((p) => p.trim()).filter((p) => p !== NOT_GIVEN && p !== '').join(' ').toUpperCase())],
    ['Preferred name', show(r.preferredName.toUpperCase())],
    ['Gender', named('genders', r.gender)],
    ['Date of birth', show(shownDate(r.dateOfBirth))],
    ['Nationality', `${named('countries', r.nationality)}${r.secondNationality.trim() === '' ? '' : `, and ${named('countries', r.secondNationality)}`}`],
    ['Born in', [r.placeOfBirth.trim(), named('countries', r.countryOfBirth)].filter((p) => p !== '').join(', ')],
    ['Native region', named('native-regions', r.nativeRegion)],
    ['Residence', `${named('resident-types', r.residentType)}, ${named('countries', r.countryOfResidence)}`],
    ['Mother’s maiden name', show(r.mothersMaidenName.toUpperCase())],
    ['Occupation', named('occupations', r.occupation)],
    ['Politically exposed person', yesNo(r.pep)],
    ['Mobiles', show([r.primaryMobile, r.secondaryMobile].map((m) => m.trim()).filter(Boolean).join(', '))],
    ['E-mail and phone', show([r.email, r.phone].map((m) => m.trim()).filter(Boolean).join(', '))],
    ['Addresses', r.addresses.map(addressText).join('; ')],
    ['Ids', r.ids.map(idText).join('; ')],
    ['Customer type', named('customer-types', k.customerType)],
    ['Annual income', k.incomeRange.trim() === '' ? NOT_GIVEN : `${named('income-ranges', k.incomeRange)} (${show(k.incomeCurrency)}), ${named('income-types', k.incomeType)}`],
    ['Employer', show([k.employerName, k.employerAddress, k.employerPhone, k.establishmentId === '' ? '' : `establishment ${k.establishmentId}`].map((p) => p.trim()).filter(Boolean).join(', '))],
    ['Tax and social security', show([k.taxNumber === '' ? '' : `tax ${k.taxNumber}`, k.socialSecurityNumber === '' ? '' : `social security ${k.socialSecurityNumber}`].filter(Boolean).join(', '))],
    ['Risk rating and PEP category', `${named('risk-ratings', k.riskRating)}, ${named('pep-categories', k.pepCategory)}`],
    ['Profession and profile', `${named('profession-categories', k.professionCategory)}, ${named('profile-categories', k.profileCategory)}`],
    ['Reason for the account', show(k.accountReason)],
    ['Each month', k.monthlyCount.trim() === '' && k.monthlyVolume.trim() === '' ? NOT_GIVEN : `${count(k.monthlyCount)} transactions, ${count(k.monthlyVolume)} in volume`],
    ['DNFBP and DPMS', `${yesNo(k.dnfbp)}, ${yesNo(k.dpms)}`],
    ['First language and marital status', `${named('languages', k.firstLanguage)}, ${named('marital-statuses', k.maritalStatus)}`],
    ['Social links', k.socialLinks.length === 0 ? NOT_GIVEN : k.socialLinks.map((link) => `${named('social-link-types', link.type)}: ${show(link.text)}`).join(', ')],
    ['Remarks', show(k.remarks)],
    ['Profile photograph', k.profilePhoto ? 'Attached' : NOT_GIVEN],
  ];
  return (
    <dl className="summary" data-testid="uae-details">
      {rows.map(([term, value]) => (
        <div key={term} className="summary__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
