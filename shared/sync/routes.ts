/**
 * The three ways a batch reaches the registry (issue 5), chosen per connection by an admin:
 * - bulk-api:    seed 000 initialize, then the batch ZIP through upload-file, then status;
 * - bulk-sftp:   seed 000 initialize, then the ZIP put in the SFTP input folder with its trigger,
 *                then status, and the result files read from the response folder;
 * - records-api: seed 001, the records as JSON in one request, answered at once.
 */
export const SUBMISSION_ROUTES = ['bulk-api', 'bulk-sftp', 'records-api'] as const;
export type SubmissionRoute = (typeof SUBMISSION_ROUTES)[number];

export const SUBMISSION_ROUTE_LABELS: Record<SubmissionRoute, string> = {
  'bulk-api': 'Bulk upload over the API',
  'bulk-sftp': 'Bulk upload with the file over SFTP',
  'records-api': 'Records API',
};

/** Training mode's route until an admin picks another: the one that needs nothing configured. */
export const DEFAULT_SUBMISSION_ROUTE: SubmissionRoute = 'bulk-api';
