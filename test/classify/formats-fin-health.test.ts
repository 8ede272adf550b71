import { describe, expect, it } from 'vitest';
import { found, foundOf } from './helpers';

describe('CREDIT_CARD brands', () => {
  it('knows Maestro and Mir IINs and their lengths', () => {
    expect(foundOf('CREDIT_CARD', 'pan=6763185296307418523 and 5018185296307414 and 2202185296307417')).toEqual([
      '6763185296307418523',
      '5018185296307414',
      '2202185296307417',
    ]);
  });
  it('still needs the Luhn check', () => {
    expect(found('pan=6763185296307418524')).toEqual([]);
  });
});

describe('HL7 v2 messages', () => {
  const message = [
    'MSH|^~\\&|EPIC|NORTHLAKE|LAB|NORTHLAKE|202501021030||ADT^A08|MSG0001|P|2.5.1',
    'PID|1||55012345^^^NORTHLAKE^MR||DOE^JANE^Q||19850214|F|||42 ELM GROVE RD^^BOSTON^MA^02118^USA||617-555-0142',
    'PV1|1|O|CLINIC^2^1^NORTHLAKE||||1987654328^PATEL^RAVI^^^DR^^^NPI',
    'DG1|1|I10|E11.9^Type 2 diabetes mellitus without complications^I10',
  ].join('\r');

  it('reads the record number, birth date, street line, provider NPI and diagnosis by field position', () => {
    expect(found(message)).toEqual([
      'MEDICAL_RECORD:55012345',
      'DATE_OF_BIRTH:19850214',
      'STREET_ADDRESS:42 ELM GROVE RD',
      'PHONE:617-555-0142',
      'NPI:1987654328',
      'ICD10_CODE:E11.9',
    ]);
  });
  it('leaves pipe tables, other coding systems and checksum failures alone', () => {
    expect(found('PID|USER|CMD\n4411|root|bash')).toEqual([]);
    expect(found('DG1|1|SCT|E11.9^Diabetes^SNOMED')).toEqual([]);
    expect(found('PV1|1|O|WARD||||1987654320^PATEL^RAVI')).toEqual([]);
  });
});

describe('ICD10_CODE after its description', () => {
  it('finds codes in parentheses after the diagnosis they name, and lists of them', () => {
    expect(foundOf('ICD10_CODE', 'Final diagnosis: community-acquired pneumonia (J18.9), asthma (J45.909)')).toEqual(['J18.9', 'J45.909']);
  });
  it('needs the cue on the same line', () => {
    expect(found('Diagnosis pending review by the team.\nRoom (J18.9)')).toEqual([]);
  });
});
