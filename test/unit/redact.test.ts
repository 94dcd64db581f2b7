import { describe, it, expect } from 'vitest';
import { redact } from '../../electron/logging/redact';

/** Digits of an identifier that must never survive redaction. */
const digitsOf = (value: string): string => value.replace(/\D/g, '');

describe('redact', () => {
  it.each([
    ['PAN', 'PAN ABCPE1234F on file', 'PAN [PAN] on file'],
    ['lower-case PAN', 'pan=abcpe1234f', 'pan=[PAN]'],
    ['Aadhaar with spaces', 'Aadhaar 2345 6789 0123 seen', 'Aadhaar [AADHAAR] seen'],
    ['Aadhaar without spaces', 'Aadhaar 234567890123 seen', 'Aadhaar [AADHAAR] seen'],
    ['Aadhaar with hyphens', 'id 2345-6789-0123', 'id [AADHAAR]'],
    ['mobile', 'call 9876543210 now', 'call [MOBILE] now'],
    ['mobile with +91 and a space', 'call +91 9876543210 now', 'call [MOBILE] now'],
    ['mobile with +91 and a hyphen', 'call +91-9876543210 now', 'call [MOBILE] now'],
    ['email', 'mail asha.verma+kyc@example.co.in today', 'mail [EMAIL] today'],
  ])('replaces a %s', (_label, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['+919876543210'],
    ['919876543210'],
    ['09876543210'],
  ])('leaves no digit of the mobile in %j', (mobile) => {
    const out = redact(`mobile ${mobile} end`);
    expect(out).not.toContain('98765');
    expect(out).not.toContain('43210');
    expect(out).toMatch(/\[(MOBILE|AADHAAR)\]/);
  });

  // The app itself accepts mobiles typed in the common Indian grouping (see validateIndianMobile),
  // so raw operator input in a log line carries them in that shape.
  it.each([['98765 43210'], ['+91 98765 43210'], ['98765-43210']])('redacts a mobile grouped as %j', (mobile) => {
    const out = redact(`mobile ${mobile} end`);
    expect(out).toBe('mobile [MOBILE] end');
    expect(digitsOf(out)).toBe('');
  });

  it.each([['ABCPE1234F_photo.jpg'], ['photo_ABCPE1234F.jpg'], ['doc_ABCPE1234F']])('redacts a PAN joined by an underscore in %j', (text) => {
    expect(redact(text)).not.toMatch(/ABCPE1234F/i);
  });

  it.each([
    ['ordinary text', 'Batch sent; the registry answered HTTP 202 after 3 retries.'],
    ['an ISO timestamp', 'at 2026-11-22T07:06:58.135Z the batch was polled'],
    ['short numbers', 'page 2 of 17, 429 Too Many Requests, waited 30000 ms, port 5173'],
    ['an ISO date', 'dob check for 1990-04-15'],
    ['an 11-digit number that is not a mobile', 'order 12345678901'],
    ['a 13-digit number', 'ts 1732259218135'],
    ['a batch id', 'batch_01HZX3K9Q7'],
  ])('leaves %s intact', (_label, text) => {
    expect(redact(text)).toBe(text);
  });

  it('redacts every identifier inside a JSON string and keeps the rest', () => {
    const json = JSON.stringify({
      pan: 'ABCPE1234F',
      aadhaar: '2345 6789 0123',
      aadhaarPlain: '234567890123',
      mobile: '9876543210',
      mobileIntl: '+91 9876543210',
      email: 'asha@example.com',
      at: '2026-11-22T07:06:58.135Z',
      attempts: 3,
    });
    const out = redact(json);
    for (const secret of ['ABCPE1234F', '2345 6789 0123', '234567890123', '9876543210', 'asha@example.com']) {
      expect(out).not.toContain(secret);
    }
    expect(JSON.parse(out)).toStrictEqual({
      pan: '[PAN]',
      aadhaar: '[AADHAAR]',
      aadhaarPlain: '[AADHAAR]',
      mobile: '[MOBILE]',
      mobileIntl: '[MOBILE]',
      email: '[EMAIL]',
      at: '2026-11-22T07:06:58.135Z',
      attempts: 3,
    });
  });

  it('redacts every occurrence, not only the first', () => {
    expect(redact('ABCPE1234F and XYZPQ9876K')).toBe('[PAN] and [PAN]');
    expect(redact('9876543210, 8765432109')).toBe('[MOBILE], [MOBILE]');
  });
});

describe('redact: Aadhaar numbers grouped as people write them', () => {
  it.each([
    ['6 + 6', 'id 234567 890124 end'],
    ['doubled spaces', 'id 2345  6789  0124 end'],
    ['mixed space and hyphen', 'id 2345 -6789- 0124 end'],
    ['3 + 3 + 3 + 3', 'id 234 567 890 124 end'],
    ['a digit at a time', 'id 2 3 4 5 6 7 8 9 0 1 2 4 end'],
  ])('leaves no digit of one split %s', (_how, text) => {
    expect(redact(text)).toBe('id [AADHAAR] end');
  });

  it('leaves longer grouped numbers and mobiles as they were named', () => {
    expect(redact('card 4111111111111111')).toBe('card 4111111111111111');
    expect(redact('ids 2345678 90124 5678')).toBe('ids 2345678 90124 5678');
    expect(redact('call 98765 43210')).toBe('call [MOBILE]');
    expect(redact('at 2026-11-22 07:06:58')).toBe('at 2026-11-22 07:06:58');
  });
});

describe('redact keeps KYC Desk’s own ids whole', () => {
  it('leaves an id whose hex holds an Aadhaar-like or mobile-like run, and still redacts around it', () => {
    expect(redact('operator op_ab234567890124cdef12 locked')).toBe('operator op_ab234567890124cdef12 locked');
    expect(redact('record rec_9876543210abcdef0123 saved')).toBe('record rec_9876543210abcdef0123 saved');
    expect(redact('bat_0123456789abcdefabcd for 2345 6789 0124')).toBe('bat_0123456789abcdefabcd for [AADHAAR]');
    // Not an id: a prefix glued to a customer's number is still redacted.
    expect(redact('op_234567890124')).toBe('op_[AADHAAR]');
  });
});

describe('redact labels what it hides correctly', () => {
  it('reads a +91 mobile as a mobile, not as an Aadhaar number, and leaves no "+" behind', () => {
    expect(redact('call +919876543210 now')).toBe('call [MOBILE] now');
  });
});
