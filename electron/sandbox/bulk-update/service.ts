import fs from 'node:fs';
import path from 'node:path';
import type { UpdateRow } from '../../../shared/bulk-update/update-columns';
import { writeUpdateFile } from '../../connectors/bulk-update/update-file';
import type { SandboxService } from '../shell/service';
import { CustomerMaster } from './customer-master';
import { TRAINING_PARENT_COMPANY_ID } from './platform-rules';
import { ResultFiles } from './result-files';
import { bulkUpdateRoutes } from './routes';

/**
 * Training mode's stand-in for the payments platform's bulk customer update (seed 004): the
 * endpoint with its multipart file, the company id's pattern, every documented answer, result files
 * served at the URLs it returns, rows failing the way a customer master refuses them
 * (platform-rules.ts), and a ledger of applied rows (customer-master.ts). The vendor prints no
 * authentication for it; KYC Desk sends a bearer token (decision 0052), and Training's is fixed.
 * State in `<sandbox state>/bulk-update/`.
 */
export const TRAINING_BULK_UPDATE_CREDENTIALS = { token: 'enkash-training-token-not-a-secret' } as const;
export { TRAINING_PARENT_COMPANY_ID };

export const SAMPLE_UPDATE_FILE = 'sample-update.csv';

const SAMPLE_ROWS: readonly UpdateRow[] = [
  { customer_reference: 'KDSAMPLE0001', customer_name: 'ASHA RAO', ckyc_number: '30000000000011', kyc_status: 'VERIFIED', kyc_date: '2026-11-20', pan: 'ABCPR1234F', mobile: '9876543210', email: 'asha.rao@mail.co.in', address_line1: '12 MG ROAD', address_line2: '', address_line3: '', city: 'PUNE', district: 'PUNE', state: 'MH', pincode: '411001', country: 'IN' },
  { customer_reference: 'KDSAMPLE0002', customer_name: 'RAVI KUMAR', ckyc_number: '30000000000022', kyc_status: 'VERIFIED', kyc_date: '2026-11-21', pan: '', mobile: '9123456780', email: '', address_line1: '4 LAKE VIEW', address_line2: 'NEAR TEMPLE', address_line3: '', city: 'BENGALURU', district: 'BENGALURU URBAN', state: 'KA', pincode: '560001', country: 'IN' },
  { customer_reference: 'KDSAMPLE0003', customer_name: 'MEERA SHAH', ckyc_number: '', kyc_status: 'PENDING', kyc_date: '', pan: 'BXNPS4321K', mobile: '9988776655', email: 'meera@mail.co.in', address_line1: '9 PARK STREET', address_line2: '', address_line3: '', city: 'KOLKATA', district: 'KOLKATA', state: 'WB', pincode: '700016', country: 'IN' },
];

/** The sample update file's absolute path for a sandbox state folder (written at start). */
export function sampleUpdateFile(sandboxStateDir: string): string {
  return path.join(sandboxStateDir, 'bulk-update', SAMPLE_UPDATE_FILE);
}

export function bulkUpdateSandbox(): SandboxService {
  return {
    name: 'bulk-update',
    start: ({ stateDir, now }) => {
      fs.writeFileSync(path.join(stateDir, SAMPLE_UPDATE_FILE), writeUpdateFile(SAMPLE_ROWS), { mode: 0o600 });
      return { routes: bulkUpdateRoutes({ token: TRAINING_BULK_UPDATE_CREDENTIALS.token, master: new CustomerMaster(stateDir), files: new ResultFiles(stateDir), now }) };
    },
  };
}
