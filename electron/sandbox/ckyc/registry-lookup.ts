import type { DownloadedPerson } from '../../connectors/ckyc-bulk/download-wire';
import type { BatchLifecycle } from './batch-lifecycle';
import { individualsOf } from './batch-lifecycle';
import { seededPeople, withPhotograph, type SeededPerson } from './registry-people';

/**
 * Whom the sandbox registry holds under a CKYC number, for bulk download: its seeded people
 * (registry-people.ts) and everyone its ledger accepted from an upload or update batch. Of the
 * latter it has only what it kept — a masked PAN and keyed hashes — so that is all it returns.
 */
export interface HeldPerson {
  person: DownloadedPerson;
  /** Keyed hashes (BatchLifecycle.keyOf) of `dob:…` and `mobile:…`; null: not kept, taken on trust. */
  dobKey: string | null;
  mobileKey: string | null;
}

export class RegistryLookup {
  private seeded: Map<string, SeededPerson> | null = null;
  private readonly photographed = new Map<string, SeededPerson>();

  constructor(private readonly batches: BatchLifecycle) {}

  /** The seeded people, in their seeded order (made once, on first use). */
  people(): SeededPerson[] {
    return [...this.seededMap().values()];
  }

  private seededMap(): Map<string, SeededPerson> {
    this.seeded ??= new Map(seededPeople(this.batches.seed).map((person) => [person.ckyc_number, person]));
    return this.seeded;
  }

  find(ckycId: string): HeldPerson | undefined {
    const plain = this.seededMap().get(ckycId);
    if (plain) {
      const seeded = this.photographed.get(ckycId) ?? withPhotograph(this.batches.seed, plain);
      this.photographed.set(ckycId, seeded);
      return { person: seeded, dobKey: this.batches.keyOf(`dob:${seeded.dob}`), mobileKey: this.batches.keyOf(`mobile:${seeded.mobile_number}`) };
    }
    const entry = this.batches.ledger.holderOf(ckycId);
    if (!entry) return undefined;
    const request = this.batches.state.get(entry.client_id);
    const individual = request ? individualsOf(request).find((i) => i.kycRefNo === entry.kyc_ref_no) : undefined;
    const person: DownloadedPerson = { ckyc_number: ckycId, kyc_date: entry.at.slice(0, 10) };
    if (individual?.panMasked) person.pan = individual.panMasked;
    return { person, dobKey: individual?.dobKey ?? null, mobileKey: individual?.mobileKey ?? null };
  }
}
