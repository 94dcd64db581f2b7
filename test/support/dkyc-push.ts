import type { IntakeRequest } from '../../electron/documents/document-intake';
import type { KycRecord } from '../../shared/record/kyc-record';
import { cardPicture, jpegOf } from './aadhaar-image';
import { TEST_UID } from './agent-api';
import { completeKycRecord } from './kyc-records';
import { aadhaarSample } from './stored-samples';
import { webmOf } from './video-bytes';

/**
 * A customer ready to push for digital KYC, with real documents stored through `put` (the intake, or
 * the contract): photograph and signature as real JPEGs (the application form embeds them), the
 * passport scan that proves both addresses, the masked Aadhaar image and a short in-person video.
 * Its Aadhaar ends as TEST_UID does (a made-up number with a valid check digit).
 */
export async function pushableRecord(
  n: number,
  put: (request: IntakeRequest) => { hash: string; mime: string; bytes: number; masked: boolean } | Promise<{ hash: string; mime: string; bytes: number; masked: boolean }>,
  mobile = '98765 43210',
): Promise<KycRecord> {
  const record = completeKycRecord();
  record.prefix = 'MRS';
  record.pan = `ABCP${String.fromCharCode(65 + (n % 26))}${String(1000 + n).slice(-4)}K`;
  record.aadhaarLast4 = TEST_UID.slice(-4);
  record.identityDocuments = [
    { code: 'A', number: `J${String(8369854 + n).padStart(7, '0')}`, expiry: '2031-06-30' },
    { code: 'E', number: `XXXX XXXX ${TEST_UID.slice(-4)}` },
  ];
  record.correspondenceAddress.poaCode = '02';
  record.contact.mobile = mobile;
  record.relatedPersons = [];
  // The sample's UDID and TIN hold "…23456789…", which would hide a leak of the test Aadhaar's first 8 digits.
  record.disability = { flag: false, impairmentType: '', percentage: '', udid: '' };
  record.taxResidency = { taxResidentOutsideIndia: false, countries: [] };
  const image = async (code: string, bytes: Buffer, masked = false, boxes?: IntakeRequest['boxes']) => {
    const kept = await put({ imageCode: code, bytes, masked, ...(boxes ? { boxes } : {}) });
    return { code, documentHash: kept.hash, mime: kept.mime, bytes: kept.bytes, masked: kept.masked };
  };
  const aadhaar = aadhaarSample(n);
  record.images = [
    await image('02', jpegOf(cardPicture(n * 5 + 2, 60, 72))),
    await image('04', aadhaar.bytes, true, aadhaar.boxes),
    await image('05', jpegOf(cardPicture(n * 5 + 3, 80, 56))),
    await image('09', jpegOf(cardPicture(n * 5 + 4, 120, 40))),
  ];
  const video = await put({ imageCode: 'IPV', bytes: webmOf(40_000 + n), masked: false });
  record.inPersonVideo = { code: 'IPV', documentHash: video.hash, mime: video.mime, bytes: video.bytes, masked: false };
  return record;
}
