import { AppFailure } from '../../../shared/errors';
import { CKYC_INDIVIDUAL_KIND_ID } from '../../../shared/record-kinds';
import { applicationFormFileName, applicationFormFor } from '../../digital-kyc/record-form';
import type { Handlers } from '../../ipc/router';
import { NOT_IN_SCOPE_RECORD, recordScopeOf } from '../../records/record-scope';
import { actingOperator, auditActor, type HandlerContext } from './context';

/** What the application form's handler works with. */
export type DigitalKycFormHandlerServices = Pick<HandlerContext, 'records' | 'documents' | 'audit' | 'session'>;

/**
 * The KYC application form of a record the operator may open (a maker their own, decision 0004),
 * made in main from the stored record and its own photograph and signature, handed over in
 * memory; its saving is audited by reference, since the file leaves KYC Desk's encryption.
 */
export function digitalKycFormHandlers(context: DigitalKycFormHandlerServices): Pick<Handlers, 'digitalKyc.form'> {
  const { records, documents, audit } = context;
  return {
    'digitalKyc.form': async ({ recordId }) => {
      const operator = actingOperator(context);
      const found = records.findInFull(recordId, recordScopeOf(operator));
      if (!found) throw new AppFailure('NOT_FOUND', NOT_IN_SCOPE_RECORD);
      const { stored, summary } = found;
      if ((stored.kind ?? CKYC_INDIVIDUAL_KIND_ID) !== CKYC_INDIVIDUAL_KIND_ID) {
        throw new AppFailure('BAD_REQUEST', `${summary.reference} is not a customer's record: it has no KYC application form.`);
      }
      const pdf = await applicationFormFor({ ...stored.record, customerReference: stored.record.customerReference ?? summary.reference }, (hash) => documents.get(hash));
      audit.record({ actor: auditActor(operator), action: 'application-form-made', subject: summary.reference });
      return { base64: Buffer.from(pdf).toString('base64'), fileName: applicationFormFileName(summary.reference) };
    },
  };
}
