import { CkycSandbox, TRAINING_RECORDS_API_CREDENTIALS, agentApiSandbox, type AgentSandboxSettings, type SandboxOptions } from '../../electron/sandbox';
import type { Logger } from '../../electron/logging/logger';
import { silentLogger } from '../../electron/logging/logger';

/**
 * Helpers for the agent API's tests: the Training sandbox with only the agent API service beside
 * CKYC, a logger that keeps its lines, and a push_user_data `data` that passes every check of
 * seed 002 §4 (its UID is a made-up number with a valid Verhoeff digit, never a real person's).
 */
export const AGENT_CREDENTIALS = TRAINING_RECORDS_API_CREDENTIALS;
/** A made-up 12-digit number whose Verhoeff check digit is right. */
export const TEST_UID = '234567890124';
const DOC = Buffer.from('a training document').toString('base64');

export function startAgentSandbox(stateDir: string, settings: AgentSandboxSettings = {}, extra: Partial<SandboxOptions> = {}): Promise<CkycSandbox> {
  return CkycSandbox.start({ stateDir, token: 'agent-tests-pasted-token', processingMs: 300, logger: silentLogger, sftp: false, services: [agentApiSandbox(settings)], ...extra });
}

export interface KeptLine {
  level: string;
  message: string;
  details?: Record<string, unknown>;
}

export function keepingLogger(): Logger & { lines: KeptLine[] } {
  const lines: KeptLine[] = [];
  const keep = (level: string) => (message: string, details?: Record<string, unknown>) => void lines.push({ level, message, ...(details ? { details } : {}) });
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

export type PushSections = Record<string, Record<string, string>>;

export function validPushSections(): PushSections {
  return {
    BASIC_INFORMATION: { uploadType: '03', pan: 'ABCPK1234F', dob: '15-APR-1990', amc: 'TEST_AMC', ipvDate: '01-DEC-2026', uidNo: TEST_UID, ekycType: 'I', kycType: '1' },
    PERSONAL_INFORMATION: {
      applicantTitle: 'Mr', applicantFirstName: 'RAVI', applicantLastName: 'KUMAR', gender: 'M', maritalStatus: '01', occupation: '02', applicantCitizenship: '01', applicantStatus: 'R',
    },
    FAMILY_INFORMATION: { relationship: 'F', fatherTitle: 'Mr', fatherFirstName: 'SURESH', fatherLastName: 'KUMAR' },
    COMMUNICATION_ADDRESS: {
      commAddress1: '12 MG ROAD', commpincode: '560001', commCity: 'BENGALURU', commDistrict: 'BENGALURU URBAN', commState: 'KA', commCountry: 'IN',
      commMobileNoCode: '91', commMobileNo: '9876543210', commEmailId: 'ravi@example.com', comAddresstype: '01', commAddressProof: '01', commIdentityNo: 'P1234567',
    },
    PERMANENT_ADDRESS: {
      perAddress1: '12 MG ROAD', perPincode: '560001', perCity: 'BENGALURU', perDistrict: 'BENGALURU URBAN', perState: 'KA', perCountry: 'IN', perAddressProof: '01', peridentityNo: 'P1234567',
    },
    IDENTITY_VERIFICATION: { idProof: '01', idProofIdentityNo: 'P1234567', aaplicantKycAccType: '01' },
    INPERSON_VERIFICATION: {
      ipvDoneBy: 'A OFFICER', ipvEmployeeBranch: 'MAIN', ipvEmployeeCode: 'E1', ipvEmployeeDesignation: 'OFFICER', ipvEmployeeName: 'A OFFICER', ipvInstitutionCode: 'IN0000', ipvInstitutionName: 'TRAINING BANK', kycDate: '01-DEC-2026',
    },
    FATCA_DECLARATION: { fatcataxJurisdiction: 'N', fatcaRelPerson: 'N', dobDeclaration: '15-APR-1990', placeDeclaration: 'BENGALURU', kraInfo: 'eKYC-eIPV', panCopy: 'Y', exmtCat: 'N' },
    DOCUMENT_COLLECTION: { docAddressProof: DOC, docPhoto: DOC, docSign: DOC, docPerVerVideo: DOC, appDocAddrProofCorrespondence: `data:application/pdf;base64,${DOC}`, docEsignForm: 'https://docs.example.in/form.pdf' },
  };
}

/** The seed's `data`: one object per step, keyed by its name. */
export function pushData(sections: PushSections = validPushSections()): Array<Record<string, Record<string, string>>> {
  return Object.entries(sections).map(([name, fields]) => ({ [name]: fields }));
}
