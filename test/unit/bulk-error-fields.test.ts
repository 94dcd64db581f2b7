import { describe, expect, it } from 'vitest';
import { bulkErrorFields } from '../../electron/connectors/ckyc-bulk/error-fields';

describe('a bulk individual’s error onto the form’s fields', () => {
  it('splits several "<label>: <reason>" problems onto their fields', () => {
    expect(bulkErrorFields('PAN: This PAN is not an individual’s. PIN code: A PIN code cannot start with 0.')).toEqual({
      pan: 'This PAN is not an individual’s.',
      'permanentAddress.pinCode': 'A PIN code cannot start with 0.',
    });
  });

  it('keeps a reason that itself holds a colon whole', () => {
    expect(bulkErrorFields('Mobile number: expected format: 10 digits')).toEqual({ 'contact.mobile': 'expected format: 10 digits' });
  });

  it('maps nothing when the text names no field it knows, rather than guessing', () => {
    expect(bulkErrorFields('Record already registered: kyc_ref_no KD1 has CKYC number 12345678901234.')).toBeNull();
    expect(bulkErrorFields('Batch rejected: individuals.csv has no image_files column.')).toBeNull();
  });
});
