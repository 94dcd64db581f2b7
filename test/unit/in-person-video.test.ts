import { describe, expect, it } from 'vitest';
import {
  IN_PERSON_VIDEO_CODE,
  IN_PERSON_VIDEO_MAX_BYTES,
  foreignVideoMessage,
  sniffVideoKind,
  videoTooLarge,
} from '../../shared/documents/in-person-video';
import { CKYC_INDIVIDUAL } from '../../shared/record-kinds/ckyc-individual';
import type { KycImage, KycRecord } from '../../shared/record/kyc-record';
import { validateKycRecord } from '../../shared/validation/kyc-record';
import { FIXTURE_TODAY, completeKycRecord, documentHash } from '../support/kyc-records';
import { mp4Header, webmHeader } from '../support/video-bytes';

const video = (patch: Partial<KycImage> = {}): KycImage => ({ code: IN_PERSON_VIDEO_CODE, documentHash: documentHash(90), mime: 'video/webm', bytes: 2_000_000, masked: false, ...patch });

describe('sniffVideoKind: a video is judged by its bytes', () => {
  it('knows a WebM made by a recorder and an MP4 with a video brand', () => {
    expect(sniffVideoKind(webmHeader())).toBe('webm');
    expect(sniffVideoKind(mp4Header('isom'))).toBe('mp4');
    expect(sniffVideoKind(mp4Header('mp42'))).toBe('mp4');
  });

  it.each([
    ['a Windows program renamed to .webm', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), /a Windows program, whatever its name says/],
    ['an empty file', new Uint8Array(0), /recording is empty/],
    ['a JPEG renamed to .mp4', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /a JPEG file/],
    ['a Matroska film that is not WebM', webmHeader('matroska'), /Matroska file but not a WebM/],
    ['a HEIC photo (an ISO file, not a video)', mp4Header('heic'), /not a video/],
    ['plain text', new TextEncoder().encode('this is not a video at all'), /not a video/],
  ])('refuses %s, saying what it is', (_name, bytes, message) => {
    expect(sniffVideoKind(bytes)).toBeNull();
    expect(foreignVideoMessage(bytes)).toMatch(message);
  });

  it('says how large a video is against its limit, in MB', () => {
    expect(videoTooLarge(IN_PERSON_VIDEO_MAX_BYTES + 3 * 1024 * 1024)).toBe(
      'This video is 28.0 MB; the in-person verification video may be at most 25.0 MB. Record it again, a little shorter.',
    );
  });
});

describe('the record’s in-person video', () => {
  const errorsFor = (inPersonVideo: KycImage | undefined) => {
    const record: KycRecord = { ...completeKycRecord(), ...(inPersonVideo ? { inPersonVideo } : {}) };
    const result = validateKycRecord(record, FIXTURE_TODAY);
    return result.ok ? {} : result.errors;
  };

  it('is optional, and a WebM or MP4 within its size passes', () => {
    expect(errorsFor(undefined)).toEqual({});
    expect(errorsFor(video())).toEqual({});
    expect(errorsFor(video({ mime: 'video/mp4', bytes: IN_PERSON_VIDEO_MAX_BYTES }))).toEqual({});
  });

  it.each([
    ['another code', video({ code: '09' }), /not an in-person verification video/],
    ['a picture', video({ mime: 'image/jpeg' }), /WebM or MP4/],
    ['an empty recording', video({ bytes: 0 }), /empty/],
    ['one over 25 MB', video({ bytes: IN_PERSON_VIDEO_MAX_BYTES + 1 }), /at most 25.0 MB/],
  ])('refuses %s on the inPersonVideo field', (_name, value, message) => {
    expect(errorsFor(value).inPersonVideo).toMatch(message);
  });

  it('rides with the record’s documents but never among its CKYC images', () => {
    const signature: KycImage = { code: '09', documentHash: documentHash(91), mime: 'image/jpeg', bytes: 20_000, masked: false };
    const record: KycRecord = { ...completeKycRecord(), images: [signature], inPersonVideo: video() };
    const all = CKYC_INDIVIDUAL.images(record);
    expect(all.map((image) => image.code)).toEqual(['09', IN_PERSON_VIDEO_CODE]);
    const back = CKYC_INDIVIDUAL.withImages({ ...record, inPersonVideo: undefined }, [...all]);
    expect(back.images).toEqual([signature]);
    expect(back.inPersonVideo).toEqual(video());
    expect('inPersonVideo' in CKYC_INDIVIDUAL.withImages(record, [signature])).toBe(false);
  });
});
