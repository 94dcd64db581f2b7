import { useEffect, useRef, useState } from 'react';
import { EMPTY_INDIVIDUAL_INPUT, type IndividualInput } from '../../../shared/record/individual';
import { announce } from '../app-events';
import { useAppStore } from '../state/app-store';

const SAVE_AFTER_MS = 300;

export interface DraftOffer {
  input: IndividualInput;
  updatedAt: string;
}

/**
 * Keeps the form's work in main as a draft: saved a moment after each change, so a crash or a
 * power cut loses at most the field being typed. On opening, an earlier draft is offered back.
 */
export function useDraft(input: IndividualInput) {
  const api = useAppStore((s) => s.api);
  const [offer, setOffer] = useState<DraftOffer | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const typed = useRef(false);

  useEffect(() => {
    if (!api) return;
    void api.invoke('drafts.get', {}).then((result) => {
      if (result.ok && result.value.draft && result.value.updatedAt && Object.values(result.value.draft).some((v) => v !== '')) {
        setOffer({ input: result.value.draft, updatedAt: result.value.updatedAt });
      }
      announce('draft-checked');
    });
  }, [api]);

  useEffect(() => {
    if (!api || !typed.current) return;
    const timer = setTimeout(() => {
      void api.invoke('drafts.save', input).then((result) => {
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
  }, [api, input]);

  return {
    offer,
    savedAt,
    problem,
    /** Call on every change the operator makes. */
    markTyped() {
      typed.current = true;
      setOffer(null); // typing over an offered draft means starting afresh
    },
    takeOffer(): IndividualInput {
      const taken = offer?.input ?? EMPTY_INDIVIDUAL_INPUT;
      setOffer(null);
      return taken;
    },
    async discard() {
      setOffer(null);
      typed.current = false;
      setSavedAt(null);
      await api?.invoke('drafts.discard', {});
    },
    /** The record was saved: main already dropped the draft. */
    reset() {
      typed.current = false;
      setSavedAt(null);
    },
  };
}
