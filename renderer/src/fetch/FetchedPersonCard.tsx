import type { FetchedPerson } from '../../../shared/contract';
import { shownDate } from '../../../shared/dates/typed-date';
import type { Address, KycRecord } from '../../../shared/record/kyc-record';
import { maskMobile, maskPan } from '../../../shared/record/masking';

interface FetchedPersonCardProps {
  person: FetchedPerson;
  /** Given when the operator may capture: opens the capture flow prefilled as an update. */
  onStartUpdate?(person: FetchedPerson & { record: KycRecord }): void;
}

const PERSON_STATE_TEXT: Record<FetchedPerson['state'], string> = {
  waiting: 'Waiting for the registry',
  fetched: 'Fetched',
  failed: 'The registry refused this person',
  attention: 'Needs a person: the registry said something KYC Desk does not know',
};

const dash = (value: string | undefined | null) => (value && value.trim() !== '' ? value : '—');

function addressText(address: Address): string {
  return [address.line1, address.line2, address.line3, address.cityOrVtc, address.district, address.state, address.pinCode].filter((part) => part && part.trim() !== '').join(', ');
}

/** What the registry returned for one person: a missing field shows as a dash, never as an error. */
function RegistryCopy({ record, photograph }: { record: KycRecord; photograph: FetchedPerson['photograph'] }) {
  const name = [record.prefix, record.firstName, record.middleName, record.lastName].filter((part) => part.trim() !== '').join(' ');
  const correspondence = addressText(record.correspondenceAddress);
  return (
    <dl className="fetched-person__fields">
      <dt>Name</dt>
      <dd>{dash(name)}</dd>
      <dt>Date of birth</dt>
      <dd>{dash(shownDate(record.dateOfBirth))}</dd>
      <dt>Gender</dt>
      <dd>{dash(record.gender)}</dd>
      <dt>PAN</dt>
      <dd>{record.pan ? maskPan(record.pan) : '—'}</dd>
      <dt>Mobile</dt>
      <dd>{record.contact.mobile ? maskMobile(record.contact.mobile) : '—'}</dd>
      <dt>Permanent address</dt>
      <dd>{dash(addressText(record.permanentAddress))}</dd>
      <dt>Correspondence address</dt>
      <dd>{dash(correspondence)}</dd>
      <dt>Identity documents</dt>
      <dd>{record.identityDocuments.length === 0 ? '—' : record.identityDocuments.map((doc) => `${doc.code} ${doc.number}`).join('; ')}</dd>
      <dt>Photograph</dt>
      <dd>{photograph ? 'Kept with the request; an update starts with a copy of it' : 'Not sent by the registry'}</dd>
    </dl>
  );
}

/** One person of a download request: what was asked, and what the registry returned or why it refused. */
export function FetchedPersonCard({ person, onStartUpdate }: FetchedPersonCardProps) {
  const asked = person.dob ? `date of birth ${shownDate(person.dob)}` : person.mobileMasked ? `mobile ${person.mobileMasked}` : '';
  const { record } = person;
  return (
    <article className="fetched-person" data-testid="fetched-person" aria-label={`CKYC ${person.ckycNumber}`}>
      <h5>
        CKYC {person.ckycNumber} <span className="muted">{asked && `· asked with ${asked}`}</span>
      </h5>
      <p>
        <strong>{PERSON_STATE_TEXT[person.state] ?? person.state}</strong>
        {person.registryState && person.state !== 'fetched' ? ` (registry: “${person.registryState}”)` : ''}
        {person.error ? `: ${person.error}` : ''}
      </p>
      {record && <RegistryCopy record={record} photograph={person.photograph ?? null} />}
      {record && onStartUpdate && (
        <button type="button" className="secondary" onClick={() => onStartUpdate({ ...person, record })}>
          Start an update from this record
        </button>
      )}
    </article>
  );
}
