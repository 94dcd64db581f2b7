import { useCallback, useEffect, useState } from 'react';
import type { VideoKycSession } from '../../../shared/contract';
import { fromOfDay, toAfterDay } from '../../../shared/dates/local-day';
import { CaptureDateFilter } from '../queue/CaptureDateFilter';
import { DataTable } from '../shell/DataTable';
import { formatDue, formatTime } from '../shell/formatting';
import { useAppStore } from '../state/app-store';
import { LinkCard, type LinkActions } from './LinkCard';
import { SendLinkForm } from './SendLinkForm';
import { SessionDetailView } from './SessionDetailView';
import { PHASE_LABELS, STATUS_FILTERS } from './session-words';
import './video-kyc.css';

/** How often the list is read again while the screen is open (sessions move on their own). */
const REFRESH_MS = 5_000;

/**
 * Video KYC (docs/decisions/0042): send a customer a link (from a record or typed), show it as text
 * and QR code with its countdown, and follow every session to its verdict: the ten statuses in plain
 * words, final or not, the next check, filters by status and date, and a session's detail.
 */
export function VideoKycView() {
  const api = useAppStore((s) => s.api);
  const [items, setItems] = useState<VideoKycSession[]>([]);
  const [total, setTotal] = useState(0);
  const [status, setStatus] = useState('');
  const [from, setFrom] = useState<string | undefined>(undefined);
  const [to, setTo] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [justSent, setJustSent] = useState<VideoKycSession | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    if (!api) return;
    const list = await api.invoke('videoKyc.list', { page: 1, pageSize: 100, ...(status ? { status: status as never } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if (!list.ok) return setProblem(list.error.message);
    setItems(list.value.items);
    setTotal(list.value.total);
    setProblem(null);
    setJustSent((sent) => (sent ? (list.value.items.find((item) => item.id === sent.id) ?? sent) : null));
  }, [api, status, from, to]);

  useEffect(() => {
    // Read at once and then on a timer, both from a timer's callback, while the screen is open.
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  const act = async (run: () => Promise<{ ok: true; value: VideoKycSession } | { ok: false; error: { message: string } }>) => {
    setBusy(true);
    try {
      const result = await run();
      if (result.ok) setJustSent(result.value);
      else setProblem(result.error.message);
      await refresh();
    } finally {
      setBusy(false);
    }
  };
  const actions: LinkActions = {
    busy,
    sendAgain: (id) => void act(() => api!.invoke('videoKyc.sendAgain', { id })),
    close: (id, reason) => void act(() => api!.invoke('videoKyc.close', { id, reason })),
  };

  if (openId) return <SessionDetailView id={openId} actions={actions} onClose={() => setOpenId(null)} />;
  return (
    <section className="vkyc" aria-labelledby="vkyc-title">
      <div className="screen-head">
        <h2 id="vkyc-title">Video KYC</h2>
      </div>
      <p className="screen-intro">A customer who cannot finish KYC at the counter gets a link for a video call with the vendor’s agent. Each session is followed here until the agent’s verdict.</p>
      <div className="vkyc-top">
        <SendLinkForm
          onSent={(link) => {
            setJustSent(link);
            void refresh();
          }}
        />
        {justSent && <LinkCard link={justSent} actions={actions} />}
      </div>
      {problem && <p className="outcome outcome--error" role="alert">{problem}</p>}
      <div className="filters" role="search" aria-label="Filter the sessions">
        <div className="field">
          <label htmlFor="vkyc-status">Status</label>
          <select id="vkyc-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Every status</option>
            {STATUS_FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <CaptureDateFilter label="Sent from" bound={fromOfDay} onBound={setFrom} />
        <CaptureDateFilter label="Sent to" bound={toAfterDay} onBound={setTo} />
      </div>
      <p className="muted">{total === 1 ? 'One link' : `${total} links`}</p>
      <DataTable
        label="Video KYC sessions"
        rows={items}
        rowKey={(row) => row.id}
        rowAttributes={(row) => ({ 'data-testid': 'vkyc-row', 'data-status': row.status ?? row.phase })}
        empty="No video KYC links yet."
        columns={[
          { key: 'sent', header: 'Sent', cell: (row) => formatTime(row.createdAt) },
          {
            key: 'user',
            header: 'User id',
            cell: (row) => (
              <>
                {row.userId}
                {row.service === 'digital-kyc' && (
                  <span className="badge" data-testid="vkyc-dkyc-tag">
                    digital KYC
                  </span>
                )}
              </>
            ),
            className: 'mono',
          },
          { key: 'phone', header: 'Mobile', cell: (row) => row.phoneMasked, className: 'mono' },
          { key: 'status', header: 'Status', cell: (row) => `${PHASE_LABELS[row.phase]}: ${row.statusWords}`, testId: 'vkyc-row-status' },
          { key: 'final', header: 'Final', cell: (row) => (row.final ? (row.verdict === 'approved' ? 'Yes, approved' : 'Yes') : 'No') },
          { key: 'next', header: 'Next check', cell: (row) => (row.nextCheckAt ? formatDue(row.nextCheckAt) : '—') },
          {
            key: 'open',
            header: <span className="visually-hidden">Open</span>,
            cell: (row) => (
              <button type="button" onClick={() => setOpenId(row.id)}>
                Open
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
