import { describe, expect, it } from 'vitest';
import { classify, classifyText } from '../../src-main/classify/index';
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

describe('ICD10_CODE lists', () => {
  it('chains codes past their descriptions, in parentheses or up to a semicolon', () => {
    expect(foundOf('ICD10_CODE', 'Working diagnoses: F32.1 (major depressive disorder, moderate) and F41.1 (generalized anxiety).')).toEqual(['F32.1', 'F41.1']);
    expect(foundOf('ICD10_CODE', 'Discharge diagnoses: J18.1 lobar pneumonia; J44.9 COPD, unspecified; Z87.891 history of nicotine dependence.')).toEqual([
      'J18.1',
      'J44.9',
      'Z87.891',
    ]);
  });
  it('stops at the sentence: a code-shaped word after it is not on the list', () => {
    expect(foundOf('ICD10_CODE', 'Diagnosis: E11.9 (type 2 diabetes). Parking in bay B12 and C34.')).toEqual(['E11.9']);
  });
  it('takes "Diag." as a diagnosis cue', () => {
    expect(foundOf('ICD10_CODE', 'Diag.: E11.9, I10')).toEqual(['E11.9', 'I10']);
  });
  it('reads `_dx` field and column names as the cue', () => {
    expect(foundOf('ICD10_CODE', '{"primary_dx": "I48.91"}')).toEqual(['I48.91']);
    expect(foundOf('ICD10_CODE', 'mrn,primary_dx,room\n75447002,N18.4,B12\n71596619,S72.001A,C34')).toEqual(['N18.4', 'S72.001A']);
  });
});

describe('MEDICAL_RECORD abroad', () => {
  it('knows the record number in German, Spanish, Japanese and Chinese', () => {
    expect(foundOf('MEDICAL_RECORD', 'Betreff: Befund – Patientenakte PA-9454087')).toEqual(['PA-9454087']);
    expect(foundOf('MEDICAL_RECORD', 'Número de expediente clínico: 4482917')).toEqual(['4482917']);
    expect(foundOf('MEDICAL_RECORD', 'カルテ番号：5520193 病历号：7730412')).toEqual(['5520193', '7730412']);
    expect(foundOf('MEDICAL_RECORD', 'Hospital No: 4482917')).toEqual(['4482917']);
  });
  it('needs the cue: a file number alone is not a record', () => {
    expect(found('Aktenzeichen 4482917, Vorgang 5520193')).toEqual([]);
  });
});

describe('X12 EDI', () => {
  const claim = [
    'ST*837*0001~',
    'NM1*85*2*LAKESIDE CLINIC*****XX*1987654328~',
    'N3*400 HARBOR WAY~',
    'N4*TACOMA*WA*98402~',
    'DMG*D8*19800312*F~',
    'REF*EA*MR5544120~',
    'HI*ABK:J069*ABF:R059*BK:4659~',
  ].join('\n');

  it('reads a claim by element position and qualifier', () => {
    expect(found(claim)).toEqual([
      'NPI:1987654328',
      'STREET_ADDRESS:400 HARBOR WAY',
      'DATE_OF_BIRTH:19800312',
      'MEDICAL_RECORD:MR5544120',
      'ICD10_CODE:J069',
      'ICD10_CODE:R059',
    ]);
  });
  it('reads both banks of a payment', () => {
    expect(found('BPR*C*18450.00*C*ACH*CCP*01*070734979*DA*15347122084***01*319573804*DA*1566218578*20250314~')).toEqual([
      'US_BANK_ROUTING:070734979',
      'BANK_ACCOUNT:15347122084',
      'US_BANK_ROUTING:319573804',
      'BANK_ACCOUNT:1566218578',
    ]);
  });
  it('needs the qualifier and the checksum: other id types and failing numbers are not findings', () => {
    expect(found('BPR*C*100*C*FWT*CCP*04*070734979*DA*~')).toEqual([]);
    expect(found('NM1*85*2*CLINIC*****XX*1987654320~\nNM1*PR*2*PAYER*****PI*1987654328~')).toEqual([]);
    expect(found('HI*BK:4659*BF:J069~')).toEqual([]);
  });
});

describe('NACHA ACH entries', () => {
  const entry = (transaction: string, routing: string, account: string): string =>
    `${transaction}${routing}${account.padEnd(17)}0000150000${'EMP0001'.padEnd(15)}${'JANE DOE'.padEnd(22)}  0091000010000001`;

  it('reads the routing and account number of an entry detail record by column', () => {
    const file = ['5220ACME CORP                           1234567890PPDPAYROLL         250314   1091000010000001', entry('622', '091000019', '123456789')].join('\n');
    expect(found(file)).toEqual(['US_BANK_ROUTING:091000019', 'BANK_ACCOUNT:123456789']);
  });
  it('needs the record type, its width and the routing checksum', () => {
    expect(found(entry('622', '091000018', '123456789'))).toEqual([]);
    expect(found(`note\n${entry('722', '091000019', '123456789')}`)).toEqual([]);
    expect(found(`note\n${entry('622', '091000019', '123456789')}XX`)).toEqual([]);
  });
});

describe('bank details in longer sentences', () => {
  it('reaches a routing number past the account it belongs to, and keeps it a routing number', () => {
    expect(found('the ABA routing number for the new checking account is 093211084 and the account number is 2779655983290')).toEqual([
      'US_BANK_ROUTING:093211084',
      'BANK_ACCOUNT:2779655983290',
    ]);
  });
  it('knows the word for a bank account in other languages', () => {
    expect(foundOf('BANK_ACCOUNT', 'numéro de compte : 12345678901; número de cuenta 0049123456; conta corrente 123456789; rekeningnummer 987654321')).toEqual([
      '12345678901',
      '0049123456',
      '123456789',
      '987654321',
    ]);
    expect(foundOf('BANK_ACCOUNT', '口座番号 1234567 / 账号 62220212345678')).toEqual(['1234567', '62220212345678']);
    expect(foundOf('BANK_ACCOUNT', 'Kto.-Nr. 1234567, BLZ 37040044')).toEqual(['1234567']);
  });
  it('leaves the same digits alone after look-alike words', () => {
    expect(found('contact 12345678901, contenu 0049123456, il conto è 123456789 euro')).toEqual([]);
  });
  it('takes the shortest IBANs (Norway, 15 characters)', () => {
    expect(foundOf('IBAN', 'iban,bic\nNO9386011117947,DNBANOKKXXX')).toEqual(['NO9386011117947']);
  });
});

describe('typed identifiers (FHIR Identifier)', () => {
  it('types a bare `value` by its type code, type text or system', () => {
    expect(
      found(
        JSON.stringify({
          identifier: [
            { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: '2388413' },
            { type: { coding: [{ code: 'SS' }] }, value: '536221987' },
            { type: { coding: [{ code: 'PPN' }] }, value: 'X4829107' },
            { type: { coding: [{ code: 'NPI' }] }, value: '1234567893' },
            { system: 'http://hl7.org/fhir/sid/us-npi', value: '1987654328' },
            { type: { text: 'Medical record number' }, value: 'A-2388414' },
            { type: 'SSN', value: '078051120' },
          ],
        }),
      ),
    ).toEqual([
      'MEDICAL_RECORD:2388413',
      'US_SSN:536221987',
      'PASSPORT:X4829107',
      'NPI:1234567893',
      'NPI:1987654328',
      'MEDICAL_RECORD:A-2388414',
      'US_SSN:078051120',
    ]);
  });
  it('types the value when its type comes after it', () => {
    expect(found('{"identifier": [{"value": "2388413", "type": {"coding": [{"code": "MR"}]}}]}')).toEqual(['MEDICAL_RECORD:2388413']);
  });
  it('types a parsed payload as it types the same payload as JSON text (type.code, field names in any case)', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ identifier: [{ type: { code: 'MR' }, value: '2388413' }] }, 'MEDICAL_RECORD'],
      [{ identifier: [{ Type: { Coding: [{ Code: 'SS' }] }, Value: '536221987' }] }, 'US_SSN'],
      [{ identifier: [{ type: { coding: [{ display: 'Passport number' }] }, value: 'X4829107' }] }, 'PASSPORT'],
      [{ identifier: [{ value: '2388413', type: { coding: [{ code: 'MR' }] } }] }, 'MEDICAL_RECORD'],
    ];
    for (const [payload, type] of cases) {
      expect(classify(payload).map((f) => f.type)).toEqual([type]);
      expect(classifyText(JSON.stringify(payload)).map((f) => f.type)).toEqual([type]);
    }
  });
  it('types the same in a parsed payload, with the value path', () => {
    expect(classify({ identifier: [{ system: 'urn:oid:2.16.840.1.113883.4.6', value: 1987654328 }] })).toEqual([
      { type: 'NPI', start: 0, end: 10, confidence: 0.95, path: '$.identifier[0].value' },
    ]);
  });
  it('types a coding’s `code` by its ICD-10 system, before or after it, and not by another system', () => {
    expect(found('{"code": {"coding": [{"code": "E11.9", "system": "http://hl7.org/fhir/sid/icd-10-cm", "display": "Type 2 diabetes"}]}}')).toEqual(['ICD10_CODE:E11.9']);
    expect(classify({ code: { coding: [{ system: 'urn:oid:2.16.840.1.113883.6.90', code: 'I10' }] } })).toEqual([
      { type: 'ICD10_CODE', start: 0, end: 3, confidence: 0.85, path: '$.code.coding[0].code' },
    ]);
    expect(found('{"code": {"coding": [{"code": "E119", "system": "http://snomed.info/sct"}]}}')).toEqual([]);
  });
  it('leaves the same digits alone under other types and a prose `system`', () => {
    expect(found('{"identifier": [{"type": {"coding": [{"code": "VN"}]}, "value": "2388413"}, {"type": {"text": "Visit number"}, "value": "536221987"}]}')).toEqual([]);
    expect(found('{"system": "You answer questions about the clinic portal", "value": "2388413"}')).toEqual([]);
  });
});

describe('table columns as field context', () => {
  it('finds values under a cued column in CSV, however far below the header, and not in other columns', () => {
    const csv = ['id,admit_date,dob,npi', ...Array.from({ length: 12 }, (_, i) => `${i},2024-01-0${(i % 9) + 1},1961-09-${10 + i},1987654328`)].join('\n');
    const dates = foundOf('DATE_OF_BIRTH', csv);
    expect(dates).toHaveLength(12);
    expect(dates.every((d) => d.startsWith('1961-09-'))).toBe(true);
    expect(foundOf('NPI', csv)).toHaveLength(12);
  });
  it('reads Markdown, psql, TSV and quoted `;` tables alike', () => {
    expect(found('| patient | DOB | visit |\n|---|---|---|\n| A | 1961-09-30 | 2024-01-05 |')).toEqual(['DATE_OF_BIRTH:1961-09-30']);
    expect(found(' mrn      | note\n----------+------\n 55012345 | ok\n 55012346 | ok\n(2 rows)')).toEqual(['MEDICAL_RECORD:55012345', 'MEDICAL_RECORD:55012346']);
    expect(found('name\tnote\tprovider_npi\nA\tfirst visit, referred by the clinic\t1987654328')).toEqual(['NPI:1987654328']);
    expect(found('> visit;note;mrn\n> 2024-01-05;first visit, referred by the clinic;55012345')).toEqual(['MEDICAL_RECORD:55012345']);
  });
  it('needs a header: rows of a different width, prose headers and uncued columns give no context', () => {
    expect(found('id,admit_date,visit_date\n7,2024-01-05,1961-09-30')).toEqual([]);
    expect(found('Here is the date of birth of each of the people we spoke to last week, in order\n7,2024-01-05,1961-09-30')).toEqual([]);
    expect(found('id,dob\n7,2024-01-05,extra,cells\n8,1961-09-30,extra,cells')).toEqual([]);
  });
});
