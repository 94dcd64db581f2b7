/** The UAE customer's capture steps, which step shows each field, and each field's label for messages. */
import type { CaptureStep } from '../record-kind';

export const UAE_STEPS: readonly CaptureStep[] = [
  { id: 'person', title: 'Person' },
  { id: 'contact', title: 'Contact' },
  { id: 'addresses', title: 'Addresses' },
  { id: 'ids', title: 'Ids & images' },
  { id: 'classification', title: 'Classification' },
];

const PERSON = new Set(['salutation', 'firstName', 'middleName', 'lastName', 'preferredName', 'nationality', 'secondNationality', 'countryOfBirth', 'placeOfBirth', 'nativeRegion', 'dateOfBirth', 'residentType', 'countryOfResidence', 'gender', 'mothersMaidenName', 'occupation', 'pep']);

/** The step showing `path`; the images' problems (main keys them `images.N`) belong with the ids. */
export function uaeStepOf(path: string): string {
  const head = path.split('.')[0] ?? '';
  if (PERSON.has(head)) return 'person';
  if (head === 'addresses') return 'addresses';
  if (head === 'ids' || head === 'images') return 'ids';
  if (head === 'classification') return 'classification';
  if (['primaryMobile', 'secondaryMobile', 'email', 'phone'].includes(head)) return 'contact';
  return 'person';
}

const LABELS: Readonly<Record<string, string>> = {
  salutation: 'Salutation',
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  nationality: 'Nationality',
  secondNationality: 'Second nationality',
  countryOfBirth: 'Country of birth',
  placeOfBirth: 'Place of birth',
  nativeRegion: 'Native region',
  dateOfBirth: 'Date of birth',
  residentType: 'Resident type',
  countryOfResidence: 'Country of residence',
  gender: 'Gender',
  mothersMaidenName: 'Mother’s maiden name',
  primaryMobile: 'Primary mobile',
  secondaryMobile: 'Secondary mobile',
  email: 'E-mail',
  phone: 'Phone',
  occupation: 'Occupation',
  pep: 'Politically exposed person',
  addresses: 'Addresses',
  ids: 'Ids',
  images: 'Images',
  type: 'Type',
  building: 'Building',
  street: 'Street',
  landmark: 'Landmark',
  city: 'City',
  district: 'District',
  state: 'State or emirate',
  country: 'Country',
  zip: 'ZIP',
  poBox: 'PO box',
  mobile: 'Mobile at this address',
  number: 'Number',
  visaNumber: 'Visa number',
  visaExpiry: 'Visa expiry',
  nameAsPerId: 'Name as on the id',
  issuedCountry: 'Issuing country',
  issuedBy: 'Issued by',
  issuedAt: 'Issued at',
  issuedOn: 'Issued on',
  expiry: 'Expiry',
  isDefault: 'Default id',
  active: 'Active',
  front: 'Front image',
  back: 'Back image',
  customerType: 'Customer type',
  incomeRange: 'Annual income range',
  incomeCurrency: 'Income currency',
  taxNumber: 'Tax registration number',
  socialSecurityNumber: 'Social security number',
  employerName: 'Employer',
  employerAddress: 'Employer’s address',
  employerPhone: 'Employer’s phone',
  establishmentId: 'Establishment id',
  riskRating: 'Risk rating',
  pepCategory: 'PEP category',
  incomeType: 'Income type',
  professionCategory: 'Profession category',
  accountReason: 'Reason for the account',
  monthlyVolume: 'Monthly transaction volume',
  monthlyCount: 'Monthly transaction count',
  remarks: 'Remarks',
  socialLinks: 'Social links',
  text: 'Link',
  firstLanguage: 'First language',
  maritalStatus: 'Marital status',
  dnfbp: 'DNFBP',
  dpms: 'DPMS',
  profileCategory: 'Profile category',
  profilePhoto: 'Profile photograph',
};

const ADDRESS_NAMES = ['Home in the UAE', 'Home country address', 'Third address', 'Fourth address'];

/** 'ids.1.expiry' → 'Id 2: Expiry'; 'addresses.0.city' → 'Home in the UAE: City'. */
export function uaeFieldLabel(path: string): string {
  const parts = path.split('.');
  const last = parts[parts.length - 1] ?? path;
  const own = LABELS[/^\d+$/.test(last) ? (parts[parts.length - 2] ?? last) : last] ?? last;
  const [head, index] = parts;
  if (index === undefined || !/^\d+$/.test(index)) return own;
  const n = Number(index);
  if (head === 'addresses') return parts.length > 2 ? `${ADDRESS_NAMES[n] ?? `Address ${n + 1}`}: ${own}` : (ADDRESS_NAMES[n] ?? `Address ${n + 1}`);
  if (head === 'ids') return parts.length > 2 ? `Id ${n + 1}: ${own}` : `Id ${n + 1}`;
  if (head === 'images') return `Image ${n + 1}`;
  return own;
}
