import { describe, expect, it } from 'vitest';
import { readResponseFile } from '../../electron/services/ckyc/sftp-responses';

const settled = new Map<string, 'succeeded' | 'failed'>([
  ['KD1', 'succeeded'],
  ['KD2', 'failed'],
]);
const csv = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'));

describe('SFTP response files, judged against the records as status-check settled them', () => {
  it('reads a result file that agrees', () => {
    expect(readResponseFile('B.zip.result.csv', csv('kyc_ref_no,state,ckyc_number,error\nKD1,succeeded,10000000000001,\nKD2,failed,,PAN mismatch\n'), settled)).toEqual({
      name: 'B.zip.result.csv',
      kind: 'result',
      bytes: expect.any(Number),
      rows: 2,
    });
  });

  it('names the references whose result differs from their settled state', () => {
    const read = readResponseFile('B.zip.result.csv', csv('kyc_ref_no,state,ckyc_number,error\nKD1,failed,,x\nKD2,failed,,y\n'), settled);
    expect(read.disagreements).toEqual(['KD1']);
  });

  it('says so, and reads the known columns, when the file has columns it does not know', () => {
    const read = readResponseFile('B.zip.result.csv', csv('kyc_ref_no,state,ckyc_number,error,branch_hint\nKD1,succeeded,1,,X\n'), settled);
    expect(read).toMatchObject({ rows: 1, problem: 'The file has column KYC Desk does not know (branch_hint); the known ones were read.' });
    expect(read.disagreements).toBeUndefined();
  });

  it('refuses to read a result file without the columns it needs', () => {
    const read = readResponseFile('B.zip.result.csv', csv('reference,status\nKD1,ok\n'), settled);
    expect(read.problem).toBe('The file lacks the columns kyc_ref_no, state, ckyc_number, error; it was not read.');
  });

  it('says when a file is not CSV it can read, rather than guessing', () => {
    const read = readResponseFile('B.zip.result.csv', Buffer.from('kyc_ref_no,state\n"KD1,succeeded\n'), settled);
    expect(read.problem).toMatch(/^The file is not CSV KYC Desk can read/);
  });

  it('keeps the registry’s reasons from an errors file verbatim', () => {
    const read = readResponseFile('B.zip.errors.csv', csv('file_name,error\nB.zip,"individuals.csv row 3: Number of pipe separated records do not match"\n'), settled);
    expect(read).toMatchObject({ kind: 'errors', rows: 1, errors: ['individuals.csv row 3: Number of pipe separated records do not match'] });
  });

  it('keeps any other file as it is, with a word on it', () => {
    expect(readResponseFile('B.zip.ack', Buffer.from('ok'), settled)).toMatchObject({ kind: 'other', problem: 'Not a result or errors file; kept as it is.' });
  });
});
