/**
 * The platform's parent company id: `CEK` and seven capital letters or digits (the only rule the
 * vendor prints for the bulk update's optional `parentCompanyId` query parameter).
 */
export const PARENT_COMPANY_ID = /^CEK[A-Z0-9]{7}$/;

export function parentCompanyIdProblem(value: string): string | null {
  if (value === '') return null; // optional: the platform then takes the token's own company
  return PARENT_COMPANY_ID.test(value) ? null : 'The parent company id is CEK followed by 7 capital letters or digits, like CEKA1B2C3D.';
}
