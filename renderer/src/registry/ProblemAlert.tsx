/** Why the registry could not be read, with a way to ask again; what was read before stays shown. */
export function ProblemAlert({ problem, onRetry }: { problem: string | null; onRetry(): void }) {
  if (!problem) return null;
  return (
    <div className="alert alert--inline" role="alert">
      {problem}{' '}
      <button type="button" className="link" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
