import { useState } from 'react';
import { useAppStore } from '../state/app-store';

/**
 * "Print KYC application form" on a customer's Review page. Main makes the PDF from the stored
 * record; it is handed to the browser's download (the app's page may not frame or embed a PDF:
 * its Content-Security-Policy has frame-src and object-src 'none', and Electron's PDF plugin is
 * off), so the operator saves it and prints it from the PC's PDF reader for the wet signature.
 */
export function ApplicationFormButton({ recordId }: { recordId: string }) {
  const api = useAppStore((s) => s.api);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function saveForm() {
    if (!api || busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await api.invoke('digitalKyc.form', { recordId });
      if (!result.ok) {
        setOutcome({ ok: false, text: `The application form could not be made: ${result.error.message}` });
        return;
      }
      handToDownload(result.value.fileName, result.value.base64);
      setOutcome({
        ok: true,
        text: `The form was handed to your downloads as “${result.value.fileName}”. Open it and print it for the customer to sign. It holds the customer’s details: keep it like the paper form, and delete the file once printed.`,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="application-form" data-testid="application-form">
      <button type="button" className="secondary" onClick={() => void saveForm()} disabled={busy} aria-busy={busy}>
        {busy ? 'Making the KYC application form…' : 'Print KYC application form'}
      </button>
      {outcome && (
        <p className={outcome.ok ? 'outcome outcome--saved' : 'outcome outcome--error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}

/** The PDF built in memory handed to the browser's download: no navigation, nothing framed, the blob URL let go at once. */
function handToDownload(fileName: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    URL.revokeObjectURL(url);
  }
}
