import { useEffect, useId, useState, type FormEvent } from 'react';
import type { VideoKycSession } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { DEFAULT_LINK_TYPE } from '../../../shared/record-kinds/video-kyc-link';
import { validateIndianMobile } from '../../../shared/validation/identifiers';
import { useAppStore } from '../state/app-store';
import { useVideoKycFocus } from './video-kyc-focus';

const USER_ID = /^[A-Za-z0-9]{1,40}$/;

/** What is wrong with a typed link before it goes to main (main checks again). */
function typedProblems(userId: string, phone: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!USER_ID.test(userId.trim())) problems.userId = 'A user id has 1 to 40 letters and digits (the customer reference, for example).';
  const mobile = validateIndianMobile(phone);
  if (!mobile.ok) problems.phoneNumber = mobile.reason;
  return problems;
}

/**
 * Send a video-KYC link: for the customer record its Review page named (its mobile and reference),
 * or typed. Sent at once on this operator's say-so; the answer comes back as the link to show.
 */
export function SendLinkForm({ onSent }: { onSent(link: VideoKycSession): void }) {
  const api = useAppStore((s) => s.api);
  const { recordId, reference, clear } = useVideoKycFocus();
  const id = useId();
  const [userId, setUserId] = useState('');
  const [phone, setPhone] = useState('');
  const [notify, setNotify] = useState(true);
  const [linkTypes, setLinkTypes] = useState<string[]>([DEFAULT_LINK_TYPE]);
  const [linkType, setLinkType] = useState(DEFAULT_LINK_TYPE);
  const [notReady, setNotReady] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!api) return;
    void api.invoke('videoKyc.linkTypes', {}).then((result) => {
      if (!result.ok) return;
      setLinkTypes(result.value.linkTypes);
      setLinkType((current) => (result.value.linkTypes.includes(current) ? current : (result.value.linkTypes[0] ?? DEFAULT_LINK_TYPE)));
      setNotReady(result.value.problem);
    });
  }, [api]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!api || busy) return;
    const problems = recordId ? {} : typedProblems(userId, phone);
    if (Object.keys(problems).length > 0) {
      setError({ code: 'VALIDATION_FAILED', message: Object.values(problems)[0]!, fields: problems });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const request = recordId ? { recordId, sendNotification: notify, linkType } : { userId: userId.trim(), phoneNumber: phone, sendNotification: notify, linkType };
      const result = await api.invoke('videoKyc.send', request);
      if (!result.ok) return setError(result.error);
      clear();
      setUserId('');
      setPhone('');
      onSent(result.value);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string) => error?.fields?.[name];
  return (
    <form className="vkyc-send" onSubmit={send} noValidate aria-label="Send a video KYC link">
      <h3>Send a video KYC link</h3>
      {notReady && <p className="notice" role="note">{notReady}</p>}
      {recordId ? (
        <p data-testid="vkyc-for-record">
          For record <strong>{reference}</strong>: the link goes to the mobile number on the record.{' '}
          <button type="button" onClick={clear}>
            Type a number instead
          </button>
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-user`}>User id</label>
          <input id={`${id}-user`} name="userId" value={userId} maxLength={40} aria-invalid={Boolean(field('userId'))} onChange={(e) => setUserId(e.target.value)} />
          {field('userId') && <p className="field__error">{field('userId')}</p>}
          <label htmlFor={`${id}-phone`}>Customer’s mobile number</label>
          <input id={`${id}-phone`} name="phoneNumber" inputMode="tel" value={phone} maxLength={20} aria-invalid={Boolean(field('phoneNumber'))} onChange={(e) => setPhone(e.target.value)} />
          {field('phoneNumber') && <p className="field__error">{field('phoneNumber')}</p>}
        </>
      )}
      <label htmlFor={`${id}-type`}>Link type</label>
      <select id={`${id}-type`} name="linkType" value={linkType} onChange={(e) => setLinkType(e.target.value)}>
        {linkTypes.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" name="sendNotification" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> Also send the link by SMS
      </label>
      {error && (
        <p className="outcome outcome--error" role="alert" data-testid="vkyc-send-error">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send link'}
      </button>
    </form>
  );
}
