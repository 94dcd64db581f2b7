import { registryDifferences } from './registry-diff';

interface RegistryDifferencesProps {
  /** The registry's copy of the person, as fetched. */
  registry: unknown;
  /** The record as it will be saved. */
  now: unknown;
  /** The field's label for a path, from the record's kind. */
  label(path: string): string;
}

/**
 * Review of an update started from a fetched record: each field that differs from the registry's
 * copy, so the maker and the checker see exactly what the update changes.
 */
export function RegistryDifferences({ registry, now, label }: RegistryDifferencesProps) {
  const differences = registryDifferences(registry, now);
  return (
    <section className="registry-differences" aria-labelledby="registry-differences-title" data-testid="registry-differences">
      <h4 id="registry-differences-title">Differences from the registry’s copy</h4>
      {differences.length === 0 ? (
        <p className="muted">Nothing differs from the registry’s copy yet.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Registry’s value</th>
              <th scope="col">New value</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((difference) => (
              <tr key={difference.path}>
                <th scope="row">{label(difference.path)}</th>
                <td>{difference.registry || '—'}</td>
                <td>{difference.now || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
