import type { KycDeskApi } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/errors';
import type { KycImage, KycRecord } from '../../../../shared/record/kyc-record';
import { formatIsoDate, localToday } from '../../../../shared/validation';
import { useAppStore } from '../../state/app-store';
import { carryPhotograph } from './carry-photograph';

/** Where an update of a customer the registry holds starts from. */
export interface CkycUpdateSource {
  /** The CKYC number the registry gave the customer: the update asks it to change that record. */
  ckycNumber: string;
  /** The customer's details as last known: the form opens with them, and Review shows what changed. */
  record: KycRecord;
  /** The photograph to carry in as the update's own copy, by its document hash; null when there is none. */
  photographHash: string | null;
  /** Images the update may take as they are (not another record's documents); the rest are attached again. */
  ownImages: readonly KycImage[];
  /** Whose photograph it is, in words for a problem ("the registry’s", "the earlier record’s"). */
  whose: string;
}

/**
 * Opens the capture flow as an Update application (type 03) of a customer the registry holds — from
 * a person fetched from CKYC, or from a customer's earlier record here that needs correcting: the
 * form is prefilled, the photograph carried in as a copy of its own, the declaration and
 * verification dated today (made at this branch, as for any new record). When the photograph
 * cannot be carried, the update opens anyway and the screen says why.
 */
export async function startCkycUpdate(api: KycDeskApi | null, source: CkycUpdateSource, onProgress: (words: string) => void = () => undefined): Promise<void> {
  useAppStore.getState().finishEditing();
  const today = formatIsoDate(localToday());
  const photo = await photographFor(api, source, onProgress);
  const others = source.ownImages.filter((image) => image.code !== photo.image?.code);
  const record: KycRecord = {
    ...source.record,
    applicationType: '03',
    ckycNumber: source.ckycNumber,
    images: photo.image ? [photo.image, ...others] : [...others],
    declaration: { ...source.record.declaration, date: source.record.declaration.date || today },
    verification: { ...source.record.verification, date: source.record.verification.date || today },
  };
  useAppStore.setState({ updateFrom: { ckycNumber: source.ckycNumber, record }, view: 'capture', actionError: photo.problem });
}

async function photographFor(api: KycDeskApi | null, source: CkycUpdateSource, onProgress: (words: string) => void): Promise<{ image: KycImage | null; problem: AppError | null }> {
  const limits = useAppStore.getState().info?.documentLimits;
  if (!source.photographHash || !limits) return { image: null, problem: null };
  onProgress(`Carrying ${source.whose} photograph into the update…`);
  try {
    return { image: await carryPhotograph(api, source.photographHash, limits.photoBytes, source.whose), problem: null };
  } catch (failure) {
    const why = failure instanceof Error ? failure.message : 'it could not be read';
    return { image: null, problem: { code: 'VALIDATION_FAILED', message: `${capitalise(source.whose)} photograph was not carried into the update (${why}). Take or choose the photograph on its step.` } };
  }
}

const capitalise = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
