import { describe, expect, it } from 'vitest';
import * as mainKind from '../../electron/documents/file-kind';
import { describeForeignFile, foreignFileMessage, sniffDocumentKind } from '../../shared/documents/file-kind';
import { DEFAULT_DOCUMENT_LIMITS } from '../../shared/documents/limits';
import { keepOriginal, planIntake, planPhotoFile } from '../../renderer/src/capture/images/intake';

const bytes = (...values: number[]) => new Uint8Array(values);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const TIFF_LE = bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0);
const TIFF_BE = bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8);
const PDF = new TextEncoder().encode('%PDF-1.7\n%');
const WINDOWS_PROGRAM = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff, 0, 0]);
const KB = 1024;
const limits = DEFAULT_DOCUMENT_LIMITS;

describe('file kind by first bytes', () => {
  it('knows the four kinds main accepts', () => {
    expect(sniffDocumentKind(JPEG)).toBe('jpeg');
    expect(sniffDocumentKind(PNG)).toBe('png');
    expect(sniffDocumentKind(TIFF_LE)).toBe('tiff');
    expect(sniffDocumentKind(TIFF_BE)).toBe('tiff');
    expect(sniffDocumentKind(PDF)).toBe('pdf');
  });

  it('is the very rule main applies: one module for both sides', () => {
    expect(mainKind.sniffDocumentKind).toBe(sniffDocumentKind);
    expect(mainKind.describeForeignFile).toBe(describeForeignFile);
  });

  it('refuses a Windows program renamed to .jpg, naming what it is, in main’s words', () => {
    const plan = planIntake(WINDOWS_PROGRAM, 150 * KB, '05', limits);
    expect(plan).toEqual({ action: 'refuse', message: 'This file is a Windows program, whatever its name says. Only JPEG, PNG, TIFF and PDF documents can be attached.' });
    expect(foreignFileMessage(WINDOWS_PROGRAM)).toContain('a Windows program');
    expect(planPhotoFile(WINDOWS_PROGRAM, 10 * KB, limits)).toMatchObject({ action: 'refuse', message: expect.stringContaining('a Windows program') });
  });
});

describe('intake plan', () => {
  it('refuses a file over the hard maximum, and an empty one, by size alone', () => {
    expect(planIntake(JPEG, limits.hardMaxBytes + 1, '05', limits)).toMatchObject({ action: 'refuse', message: expect.stringContaining('far larger than any KYC document') });
    expect(planIntake(new Uint8Array(), 0, '05', limits)).toMatchObject({ action: 'refuse', message: expect.stringContaining('empty') });
  });

  it('compresses JPEG and PNG images to their limit', () => {
    expect(planIntake(JPEG, 4_000 * KB, '05', limits)).toEqual({ action: 'compress', kind: 'jpeg' });
    expect(planIntake(PNG, 50 * KB, '06', limits)).toEqual({ action: 'compress', kind: 'png' });
  });

  it('takes a PDF under the limit as it is and asks for a rescan over it', () => {
    expect(planIntake(PDF, 200 * KB, '05', limits)).toEqual({ action: 'as-is', kind: 'pdf' });
    expect(planIntake(PDF, 400 * KB, '05', limits)).toEqual({
      action: 'refuse',
      message: 'This PDF is 400 KB; the limit is 300 KB. Scan it again in black and white or at a lower resolution.',
    });
  });

  it('takes a TIFF under the limit as it is and asks for a JPEG scan over it (Chromium cannot decode TIFF)', () => {
    expect(planIntake(TIFF_LE, 299 * KB, '05', limits)).toEqual({ action: 'as-is', kind: 'tiff' });
    expect(planIntake(TIFF_BE, 301 * KB, '05', limits)).toMatchObject({ action: 'refuse', message: expect.stringContaining('Scan it again as a JPEG') });
  });

  it('sends an Aadhaar image to masking and refuses an Aadhaar PDF or TIFF', () => {
    expect(planIntake(JPEG, 2_000 * KB, '04', limits)).toEqual({ action: 'redact', kind: 'jpeg' });
    expect(planIntake(PNG, 20 * KB, '04', limits)).toEqual({ action: 'redact', kind: 'png' });
    for (const head of [PDF, TIFF_LE]) {
      expect(planIntake(head, 20 * KB, '04', limits)).toEqual({ action: 'refuse', message: 'Scan or photograph the Aadhaar as a JPEG or PNG so it can be masked.' });
    }
  });

  it('refuses a PDF as the photograph', () => {
    expect(planIntake(PDF, 20 * KB, '02', limits)).toMatchObject({ action: 'refuse', message: expect.stringContaining('not a PDF') });
    expect(planPhotoFile(PDF, 20 * KB, limits)).toMatchObject({ action: 'refuse' });
    expect(planPhotoFile(PNG, 20 * KB, limits)).toEqual({ action: 'compress', kind: 'png' });
  });

  it('keeps an original JPEG only when it fits and is no larger than the re-encoded one', () => {
    expect(keepOriginal({ kind: 'jpeg', bytes: 80 * KB }, 120 * KB, 300 * KB)).toBe(true);
    expect(keepOriginal({ kind: 'jpeg', bytes: 150 * KB }, 120 * KB, 300 * KB)).toBe(false);
    expect(keepOriginal({ kind: 'jpeg', bytes: 400 * KB }, 500 * KB, 300 * KB)).toBe(false);
    expect(keepOriginal({ kind: 'png', bytes: 10 * KB }, 120 * KB, 300 * KB)).toBe(false);
  });
});
