import { uaeLists, type UaeListName } from '../../../../shared/master-data/uae-lists';
import type { CodeOptions } from '../fields';

/** A code list in force as the drop-down's [code, label] pairs (the label carries the code where it is not obvious). */
export function optionsOf(list: UaeListName): CodeOptions {
  const withCode = list === 'countries' || list === 'currencies' || list === 'languages';
  return uaeLists()[list].map((entry) => [entry.code, withCode ? `${entry.label} (${entry.code})` : entry.label] as const);
}
