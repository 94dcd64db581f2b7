import { useEffect, useState } from 'react';
import { putUaeListsInForce, uaeLists, type UaeListName, type UaeMasterData } from '../../../../shared/master-data/uae-lists';
import { useAppStore } from '../../state/app-store';
import type { CodeOptions } from '../fields';

/** Asked once per start of the screens: an admin's import puts its list in force here too (UaeCodeLists). */
let asked = false;

/**
 * The code lists in force on this PC (an admin may have imported the CDP's own over the shipped
 * ones): asked of main the first time a UAE step shows, put in force for the drop-downs and the
 * record's rules, and the step drawn again with them. Until the answer, the shipped lists.
 */
export function useUaeListsInForce(): void {
  const api = useAppStore((s) => s.api);
  const [, setRead] = useState(asked);
  useEffect(() => {
    if (asked || !api) return;
    asked = true;
    void api.invoke('masterData.uaeLists', {}).then((result) => {
      if (!result.ok) {
        asked = false; // asked again next time; the shipped lists serve meanwhile
        return;
      }
      putUaeListsInForce(result.value.lists as UaeMasterData);
      setRead(true);
    });
  }, [api]);
}

/** A code list in force as the drop-down's [code, label] pairs (the label carries the code where it is not obvious). */
export function optionsOf(list: UaeListName): CodeOptions {
  const withCode = list === 'countries' || list === 'currencies' || list === 'languages';
  return uaeLists()[list].map((entry) => [entry.code, withCode ? `${entry.label} (${entry.code})` : entry.label] as const);
}
