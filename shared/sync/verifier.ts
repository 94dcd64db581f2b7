/**
 * The verifier block a batch is signed with: the checker or admin who sent it, as the registry wants it
 * (tidied and upper-cased by the operators' module). Kept here, below both the sync engine and the
 * connectors, so that neither has to import the other for it.
 */
export interface Verifier {
  name: string;
  designation: string;
  branch: string;
  employmentCode: string;
  organization: string;
}
