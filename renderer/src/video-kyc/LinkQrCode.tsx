import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** The link as a QR code the customer scans at the counter, drawn here from the text (nothing is fetched). */
export function LinkQrCode({ url }: { url: string }) {
  const [image, setImage] = useState<{ url: string; data: string } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    // As SVG text: drawn without a canvas, the same in every host.
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => {
        if (current) setImage({ url, data: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      .catch(() => {
        if (current) setFailed(true);
      });
    return () => {
      current = false;
    };
  }, [url]);
  if (failed) return <p className="muted">The QR code could not be drawn; read the link out or send it by SMS.</p>;
  if (image?.url !== url) return <p className="muted">Drawing the QR code…</p>;
  return <img className="vkyc-qr" src={image.data} width={220} height={220} alt="QR code of the video KYC link" data-testid="vkyc-qr" />;
}
