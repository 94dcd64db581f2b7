import { useEffect } from 'react';
import type { SftpHealthSample } from '../../../shared/contract';
import { DataTable, type Column } from '../shell/DataTable';
import { formatTime } from '../shell/formatting';
import { ProblemAlert } from './ProblemAlert';
import { useRegistryRead } from './use-registry-read';

/** How often the open screen asks; main asks the registry at most every 10 s whoever calls. */
export const SFTP_HEALTH_EVERY_MS = 30_000;

const SOURCE_LABELS: Record<SftpHealthSample['source'], string> = { screen: 'This screen', app: 'KYC Desk (before SFTP work, or a connection test)' };

function StatusText({ sample }: { sample: SftpHealthSample }) {
  if (sample.status === null) return <span className="state state--failed">No answer</span>;
  if (sample.status === 'up') return <span className="state state--succeeded">Up</span>;
  if (sample.status === 'down') return <span className="state state--failed">Down</span>;
  return (
    <span className="state state--unknown">
      {sample.status} <span className="muted">(registry's word)</span>
    </span>
  );
}

const COLUMNS: Column<SftpHealthSample>[] = [
  { key: 'at', header: 'Checked', cell: (s) => formatTime(s.at) },
  { key: 'status', header: 'SFTP server', cell: (s) => <StatusText sample={s} /> },
  { key: 'problem', header: 'Why no answer', className: 'message', cell: (s) => s.problem ?? '—' },
  { key: 'source', header: 'Asked by', cell: (s) => SOURCE_LABELS[s.source] },
];

/** sftp-health now and this run's history; asked on a timer only while this section is open. */
export function SftpHealthPanel() {
  const read = useRegistryRead('registry.sftpHealth', { check: true }, 'check');
  const { reload } = read;
  useEffect(() => {
    const timer = setInterval(reload, SFTP_HEALTH_EVERY_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const latest = read.value?.history[0];
  return (
    <section aria-labelledby="registry-sftp-title">
      <h3 id="registry-sftp-title">SFTP health</h3>
      <ProblemAlert problem={read.problem} onRetry={reload} />
      {latest && (
        <p data-testid="sftp-now" role="status">
          Now: <StatusText sample={latest} /> <span className="muted">checked {formatTime(latest.at)}</span>
        </p>
      )}
      {read.value && (
        <DataTable label="SFTP health, this run" columns={COLUMNS} rows={read.value.history} rowKey={(s) => `${s.at}-${s.source}`} empty="Not checked yet." wrapClassName="table-wrap" />
      )}
      <p className="muted">Checked every {SFTP_HEALTH_EVERY_MS / 1000} s while this section is open; the history lasts until KYC Desk closes.</p>
    </section>
  );
}
