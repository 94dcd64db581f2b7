import type { SubmissionRoute } from '../../shared/sync/routes';
import { ckycSubmissionServices, type CkycEndpoints, type CkycServiceOptions } from '../services/ckyc';
import type { SubmissionService } from '../sync/submission-service';

/**
 * The submission services the sync engine runs, by the id each batch stores. A new service is a
 * folder `electron/services/<name>/` exporting its services, and one line here.
 */
export function submissionServices(ckyc: CkycEndpoints, options: CkycServiceOptions): Record<SubmissionRoute, SubmissionService> {
  return {
    ...ckycSubmissionServices(ckyc, options),
  };
}
