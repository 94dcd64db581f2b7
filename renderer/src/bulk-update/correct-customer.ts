import type { KycDeskApi } from '../../../shared/contract';
import { IMAGE_CODE_PHOTOGRAPH } from '../../../shared/codes/ckyc-codes';
import { DEFAULT_RECORD_KIND } from '../../../shared/record-kinds';
import type { KycRecord } from '../../../shared/record/kyc-record';
import { startCkycUpdate } from '../capture/update/start-ckyc-update';

/**
 * A customer an update failed is corrected where their details come from: an Update application of
 * their CKYC record, prefilled from the record the update carried (docs/decisions/0057). Once the
 * registry takes it, the corrected record goes in a new update, under the customer reference the
 * platform already knows. `say` puts a problem (or progress) on the Updates screen.
 */
export async function correctCustomer(api: KycDeskApi | null, recordId: string, say: (words: string) => void): Promise<void> {
  if (!api) return;
  const found = await api.invoke('records.get', { id: recordId });
  if (!found.ok) return say(found.error.message);
  const { summary, record, registryCkycNumber } = found.value;
  if ((found.value.kind ?? DEFAULT_RECORD_KIND) !== DEFAULT_RECORD_KIND || !registryCkycNumber) {
    return say(`${summary.reference} has no CKYC number from the registry, so it cannot be corrected by an update. Ask a checker to look at it on the Queue screen.`);
  }
  const individual = record as KycRecord;
  const photograph = individual.images.find((image) => image.code === IMAGE_CODE_PHOTOGRAPH);
  // Its other images stay with the earlier record (a document belongs to one record): attached again if the update needs them.
  await startCkycUpdate(api, { ckycNumber: registryCkycNumber, record: individual, photographHash: photograph?.documentHash ?? null, ownImages: [], whose: 'the earlier record’s' }, say);
}
