import { useEffect, useRef, useState } from 'react';
import { DEFAULT_RECORD_KIND, RECORD_KINDS, type AnyKindRecord } from '../../../shared/record-kinds';
import type { KycRecord } from '../../../shared/record/kyc-record';
import { announce } from '../app-events';
import { useAppStore } from '../state/app-store';
import { forTransport, sameData, worthOffering } from './record-paths';

const SAVE_AFTER_MS = 300;

export interface DraftOffer {
  record: AnyKindRecord;
  /** The stored record the draft was changing, or null for a new one. */
  editing: string | null;
  updatedAt: string;
}

/** Whether a draft holds anything typed: the individual's check, or any difference from its kind's blank. */
function worthKeeping(record: AnyKindRecord, kind: string): boolean {
  if (kind === DEFAULT_RECORD_KIND) return worthOffering(record as KycRecord);
  const blank = RECORD_KINDS.find(kind)?.blank();
  return blank === undefined || !sameData(record, blank);
}

/** The unsaved draft of another kind this flow's typing would replace (one draft per operator). */
export interface OtherKindDraft {
  label: string;
  updatedAt: string;
}

/**
 * Keeps the flow's work in main as a draft of `kind` (none named: the CKYC individual): saved a
 * moment after each change, so a crash or a power cut loses at most the field being typed. On
 * opening, an earlier draft is offered back.
 */
// eslint-disable-next-line max-lines-per-function -- one hook's state and effects (offer, autosave, discard), which React needs together
export function useDraft(record: AnyKindRecord, editing: string | null, kind?: string) {
  const api = useAppStore((s) => s.api);
  const [offer, setOffer] = useState<DraftOffer | null>(null);
  const [otherKind, setOtherKind] = useState<OtherKindDraft | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const typed = useRef(false);
  // While the record itself is being saved, no draft goes out: one that left after the save would
  // bring the saved record back as a draft (main drops the draft in the save's own transaction).
  const suspended = useRef(false);
  const [nudge, setNudge] = useState(0);

  useEffect(() => {
    if (!api) return;
    void api.invoke('drafts.get', {}).then((result) => {
      const draft = result.ok ? result.value.draft : null;
      const draftKind = draft?.kind ?? DEFAULT_RECORD_KIND;
      // Only offer it if nothing was typed meanwhile: typing over an offer means starting afresh.
      if (result.ok && draft && result.value.updatedAt && worthKeeping(draft.record, draftKind) && !typed.current) {
        // A draft of another kind is never opened in this kind's form: the operator is told it is there.
        if (draftKind === (kind ?? DEFAULT_RECORD_KIND)) setOffer({ record: draft.record, editing: draft.editing, updatedAt: result.value.updatedAt });
        else setOtherKind({ label: RECORD_KINDS.find(draftKind)?.label ?? draftKind, updatedAt: result.value.updatedAt });
      }
      announce('draft-checked');
    });
  }, [api, kind]);

  useEffect(() => {
    if (!api || !typed.current || suspended.current) return;
    const timer = setTimeout(() => {
      if (suspended.current) return;
      void api.invoke('drafts.save', { record: forTransport(record), editing, ...(kind === undefined ? {} : { kind }) }).then((result) => {
        if (result.ok) {
          setSavedAt(result.value.updatedAt);
          setProblem(null);
          announce('draft-saved');
        } else {
          // Say so next to the form: the operator must know their typing is not safe yet.
          setProblem(`The draft could not be saved: ${result.error.message}`);
        }
      });
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [api, record, editing, kind, nudge]);

  return {
    offer,
    otherKind,
    savedAt,
    problem,
    /** Call on every change the operator makes. */
    markTyped() {
      typed.current = true;
      setOffer(null); // typing over an offered draft means starting afresh
      setOtherKind(null);
    },
    takeOffer(): DraftOffer | null {
      const taken = offer;
      setOffer(null);
      return taken;
    },
    async discard() {
      setOffer(null);
      typed.current = false;
      setSavedAt(null);
      await api?.invoke('drafts.discard', {});
    },
    /** The record is being saved: hold the draft back (a pending one is not sent). */
    suspend() {
      suspended.current = true;
    },
    /** The save did not go through: the draft is kept again, the latest changes at once. */
    resume() {
      suspended.current = false;
      setNudge((n) => n + 1);
    },
    /** The record was saved: main already dropped the draft. */
    reset() {
      typed.current = false;
      suspended.current = false;
      setSavedAt(null);
    },
  };
}
