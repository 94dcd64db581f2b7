import type { SubmissionRoute } from '../../shared/sync/routes';
import { ckycSubmissionServices, type CkycEndpoints, type CkycServiceOptions } from '../services/ckyc';
import { CkycDownloadClient } from '../connectors/ckyc-bulk/download-client';
import type { FetchedAnswer } from '../fetch/keep-fetched';
import { ckycDownloadService, CKYC_DOWNLOAD_SERVICE_ID } from '../services/ckyc-download';
import type { SubmissionService } from '../sync/submission-service';
import { videoKycService, VIDEO_KYC_SERVICE_ID, type VideoKycServiceOptions } from '../services/video-kyc';
import { digitalKycService, DIGITAL_KYC_SERVICE_ID, type DigitalKycServiceOptions } from '../services/digital-kyc';
import { uaeOnboardingService, UAE_ONBOARDING_SERVICE_ID, type UaeOnboardingServiceOptions } from '../services/uae-onboarding';
import { bulkUpdateService, BULK_UPDATE_SERVICE_ID, type BulkUpdateServiceOptions } from '../services/bulk-update';

/**
 * The submission services the sync engine runs, by the id each batch stores. A new service is a
 * folder `electron/services/<name>/` exporting its services, and one line here.
 */
export function submissionServices(
  ckyc: CkycEndpoints,
  options: CkycServiceOptions & { keepFetched: (answers: readonly FetchedAnswer[]) => void; videoKyc: VideoKycServiceOptions; digitalKyc: DigitalKycServiceOptions; uaeOnboarding: UaeOnboardingServiceOptions; bulkUpdate: BulkUpdateServiceOptions },
): Record<SubmissionRoute | typeof CKYC_DOWNLOAD_SERVICE_ID | typeof VIDEO_KYC_SERVICE_ID | typeof DIGITAL_KYC_SERVICE_ID | typeof UAE_ONBOARDING_SERVICE_ID | typeof BULK_UPDATE_SERVICE_ID, SubmissionService> {
  return {
    ...ckycSubmissionServices(ckyc, options),
    [CKYC_DOWNLOAD_SERVICE_ID]: ckycDownloadService({ client: new CkycDownloadClient(ckyc.bulk.connection), probe: () => ckyc.bulk.reachable(), keep: options.keepFetched }),
    [VIDEO_KYC_SERVICE_ID]: videoKycService(options.videoKyc),
    [DIGITAL_KYC_SERVICE_ID]: digitalKycService(options.digitalKyc),
    [UAE_ONBOARDING_SERVICE_ID]: uaeOnboardingService(options.uaeOnboarding),
    [BULK_UPDATE_SERVICE_ID]: bulkUpdateService(options.bulkUpdate),
  };
}
