import { CkycSandbox, cdpSandbox, TRAINING_CDP_CREDENTIALS, type CdpSandbox, type CdpSandboxSettings } from '../../electron/sandbox';
import { madeUpEmiratesId } from '../../electron/sandbox/cdp/people';
import { hash32, mulberry32 } from '../../electron/sandbox/shell/faults';
import type { CdpConnection } from '../../electron/connectors/cdp/connect';
import type { CdpOnboardingRequest } from '../../electron/connectors/cdp/wire';
import { silentLogger } from '../../electron/logging/logger';

/**
 * Helpers for the UAE CDP's tests: the Training sandbox with only the CDP beside CKYC (the handle
 * kept, to revoke tokens and count grants), a connection with the training sign-in, made-up
 * Emirates IDs (valid, never a real person's), and an onboarding request as the seed's example
 * shapes it, with tiny images.
 */
export interface StartedCdp {
  sandbox: CkycSandbox;
  cdp: CdpSandbox;
}

export async function startCdpSandbox(stateDir: string, settings: CdpSandboxSettings = {}, seed = 'cdp-tests'): Promise<StartedCdp> {
  const cdp = cdpSandbox(settings);
  const sandbox = await CkycSandbox.start({ stateDir, token: 'cdp-tests-pasted-token', processingMs: 300, logger: silentLogger, sftp: false, services: [cdp], seed });
  return { sandbox, cdp };
}

export function cdpConnection(baseUrl: string, extra: Partial<CdpConnection> = {}): CdpConnection {
  const c = TRAINING_CDP_CREDENTIALS;
  return { baseUrl, clientId: c.client_id, clientSecret: c.client_secret, scope: c.scope, username: c.username, password: c.password, timeoutMs: 5000, ...extra };
}

/** A source of made-up Emirates IDs, the same for the same name. */
export function emiratesIds(name: string): () => string {
  const next = mulberry32(hash32('test-emirates-ids', name));
  return () => madeUpEmiratesId(next);
}

const IMAGE = { base64_data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]).toString('base64'), content_type: 'image/jpeg' };

export function onboardingRequest(emiratesId: string, overrides: Partial<CdpOnboardingRequest> = {}): CdpOnboardingRequest {
  return {
    channel: 'WEB',
    salutation: 'Mr',
    first_name: 'RAVI',
    last_name: 'KUMAR',
    nationality: 'IN',
    date_of_birth: '1990-05-01',
    country_of_birth: 'IN',
    resident_type_id: 101,
    country_of_residence: 'AE',
    gender: 'Male',
    primary_mobile_number: '+971501234567',
    email_id: 'ravi@example.com',
    address_list: [
      { address_type_id: '1', building_name: 'TRAINING TOWER', city: 'Dubai', country: 'AE', mobile_number: '+971501234567' },
      { address_type_id: '2', city: 'Kochi', state: 'Kerala', country: 'IN', zip: 682001 },
    ],
    id_details: [
      { id_type: 4, id_number: emiratesId, name_as_per_id: 'RAVI KUMAR', issued_country: 'AE', issued_by: 'EIDA', issued_on: '2024-01-10', date_of_expiry: '2099-01-09', default_status: true, active_status: true, id_front: IMAGE, id_back: IMAGE },
      { id_type: 2, id_number: 'P4006315', visa_number: 'VISA123', visa_expiry_date: '2099-06-30', name_as_per_id: 'RAVI KUMAR', issued_country: 'IN', issued_on: '2020-04-28', date_of_expiry: '2099-04-27', default_status: false, active_status: true, id_front: IMAGE },
    ],
    customer_classification: { customer_type_id: 2, annual_income_range_id: 15, annual_income_currency_code: 'AED', profile_photo: IMAGE },
    ...overrides,
  };
}
