import AdmZip from 'adm-zip';
import * as jpeg from 'jpeg-js';
import type { SessionStatus } from '../../../shared/agent-sessions/session-status';
import type { StoredSession } from './sessions';
import type { SessionMoment } from './timeline';

/**
 * What the sandbox serves at a session's media URLs: small real JPEGs (a coloured card per kind,
 * labelled by its colours only — no number, no face), a sample video (a WebM header followed by
 * the words "KYC Desk training sample": clearly not a recording, not playable), the summary JSON,
 * and a ZIP of the images and the summary. Made on demand from the session; nothing is stored.
 */
export const MEDIA_NAMES = ['selfie', 'pan', 'aadhaar_front', 'aadhaar_back', 'captured_1', 'captured_2', 'user_video', 'agent_video', 'agent_screen', 'summary', 'zip'] as const;
export type MediaName = (typeof MEDIA_NAMES)[number];

const IMAGES: Partial<Record<MediaName, [number, number, number]>> = {
  selfie: [214, 170, 140],
  pan: [90, 140, 210],
  aadhaar_front: [240, 240, 235],
  aadhaar_back: [225, 235, 245],
  captured_1: [120, 190, 120],
  captured_2: [190, 120, 190],
};

const VIDEOS: readonly MediaName[] = ['user_video', 'agent_video', 'agent_screen'];

const imageCache = new Map<MediaName, Buffer>();

/** A 160×100 JPEG: a card of the kind's colour with a darker band (a real, decodable image). */
export function sampleJpeg(name: MediaName): Buffer {
  const cached = imageCache.get(name);
  if (cached) return cached;
  const [r, g, b] = IMAGES[name] ?? [128, 128, 128];
  const width = 160;
  const height = 100;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const band = y > 20 && y < 36 ? 0.55 : 1;
      const i = (y * width + x) * 4;
      data[i] = Math.round(r * band);
      data[i + 1] = Math.round(g * band);
      data[i + 2] = Math.round(b * band);
      data[i + 3] = 255;
    }
  }
  const bytes = Buffer.from(jpeg.encode({ data, width, height }, 80).data);
  imageCache.set(name, bytes);
  return bytes;
}

/** An EBML (WebM) header and a plain-text note: a placeholder, not a recording. */
export function sampleVideo(): Buffer {
  const header = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]);
  return Buffer.concat([header, Buffer.from('\nKYC Desk training sample: not a recording.\n', 'ascii')]);
}

export function sessionSummary(session: StoredSession, moment: SessionMoment): Record<string, unknown> {
  return {
    sample: 'KYC Desk training sandbox',
    session_id: session.session_id,
    user_id: session.user_id,
    session_status: moment.status,
    agent_id: session.agent_id,
    agent_region: session.agent_region,
    steps: Object.entries(moment.reached).map(([status, at]) => ({ status: status as SessionStatus, at: new Date(at!).toISOString() })),
  };
}

/** The bytes and content type of one medium, or null when the session has no such thing yet. */
export function mediumOf(name: string, session: StoredSession, moment: SessionMoment): { bytes: Buffer; contentType: string } | null {
  if (!(MEDIA_NAMES as readonly string[]).includes(name)) return null;
  const medium = name as MediaName;
  if (IMAGES[medium]) return { bytes: sampleJpeg(medium), contentType: 'image/jpeg' };
  if (VIDEOS.includes(medium)) return { bytes: sampleVideo(), contentType: 'video/webm' };
  const summary = Buffer.from(JSON.stringify(sessionSummary(session, moment), null, 2));
  if (medium === 'summary') return { bytes: summary, contentType: 'application/json' };
  const zip = new AdmZip();
  for (const image of Object.keys(IMAGES) as MediaName[]) zip.addFile(`${image}.jpg`, sampleJpeg(image));
  zip.addFile('summary.json', summary);
  return { bytes: zip.toBuffer(), contentType: 'application/zip' };
}
