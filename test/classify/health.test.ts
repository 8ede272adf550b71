import { describe, expect, it } from 'vitest';
import { found } from './helpers';

describe('health identifiers', () => {
  it('finds MRN, NPI and ICD-10 codes next to their cues', () => {
    expect(found('MRN: 4471902. Dx E11.9, I10. Attending NPI 1234567893.')).toEqual([
      'MEDICAL_RECORD:4471902',
      'ICD10_CODE:E11.9',
      'ICD10_CODE:I10',
      'NPI:1234567893',
    ]);
  });
  it('rejects NPI checksum failures and codes or ids without context', () => {
    expect(found('NPI 1234567890')).toEqual([]);
    expect(found('Room E11.9 near locker 4471902, call 1234567893')).toEqual([]);
  });
});
