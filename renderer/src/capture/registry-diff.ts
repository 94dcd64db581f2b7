/** One field that differs from the registry's copy: its path, the registry's value and the new one. */
export interface FieldDifference {
  path: string;
  registry: string;
  now: string;
}

/** Every leaf of a record as path → text ('addresses.permanent.line1' → '12 MG Road'); arrays by index. */
function leaves(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) value.forEach((item, index) => leaves(item, prefix ? `${prefix}.${index}` : String(index), out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) leaves(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined && value !== null && value !== '') out.set(prefix, String(value));
  return out;
}

/**
 * What the operator changed against the registry's copy of the person (a fetched record): a field
 * filled that the registry did not send counts too. Empty and absent are the same; the order is the
 * record's own.
 */
export function registryDifferences(registry: unknown, now: unknown): FieldDifference[] {
  const before = leaves(registry, '', new Map());
  const after = leaves(now, '', new Map());
  const paths = [...new Set([...after.keys(), ...before.keys()])];
  return paths
    .filter((path) => (before.get(path) ?? '') !== (after.get(path) ?? ''))
    .map((path) => ({ path, registry: before.get(path) ?? '', now: after.get(path) ?? '' }));
}
