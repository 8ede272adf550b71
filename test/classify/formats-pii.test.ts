import { describe, expect, it } from 'vitest';
import { found, foundOf } from './helpers';

/** PII in the formats payloads carry beyond US English: national phone styles, continental addresses, contact lines. */
describe('PHONE formats', () => {
  it('finds the (0) trunk after +CC, slashes, parenthesised trunks and digit pairs next to a cue', () => {
    expect(foundOf('PHONE', 'Rückruf: +49 (0)89 2345 6789')).toEqual(['+49 (0)89 2345 6789']);
    expect(foundOf('PHONE', 'Telefon 089/4411230, Fax 089/4411231')).toEqual(['089/4411230', '089/4411231']);
    expect(foundOf('PHONE', 'call me on (02) 9876 5432 after nine')).toEqual(['(02) 9876 5432']);
    expect(foundOf('PHONE', 'portable : 07 81 22 45 90')).toEqual(['07 81 22 45 90']);
  });
  it('takes an email address beside the number as a contact line', () => {
    expect(foundOf('PHONE', 'Marta Ruiz\nmarta.ruiz@correo.es | 622 41 07 93')).toEqual(['622 41 07 93']);
    expect(foundOf('PHONE', '622 41 07 93 · marta.ruiz@correo.es')).toEqual(['622 41 07 93']);
  });
  it('leaves the same digit groups alone without a cue', () => {
    expect(found('lot sizes 622 41 07 93 and batch 089/4411230 shipped')).toEqual([]);
  });
});

describe('STREET_ADDRESS formats', () => {
  it('finds street-first continental addresses with their postcode and city', () => {
    expect(foundOf('STREET_ADDRESS', 'Lieferung an Kastanienweg 8b, 04109 Leipzig bitte')).toEqual(['Kastanienweg 8b, 04109 Leipzig']);
    expect(foundOf('STREET_ADDRESS', 'Büro: Münchner Straße 41, 60329 Frankfurt')).toEqual(['Münchner Straße 41, 60329 Frankfurt']);
    expect(foundOf('STREET_ADDRESS', 'enviar a Calle de Alcalá 120, 28009 Madrid')).toEqual(['Calle de Alcalá 120, 28009 Madrid']);
  });
  it('finds French number-first addresses, and UK postcodes and trailing directions on English ones', () => {
    expect(foundOf('STREET_ADDRESS', 'RDV au 27 ter boulevard Voltaire, 75011 Paris demain')).toEqual(['27 ter boulevard Voltaire, 75011 Paris']);
    expect(foundOf('STREET_ADDRESS', 'Post to 18 Hawthorn Road, Bristol BS7 8PL please')).toEqual(['18 Hawthorn Road, Bristol BS7 8PL']);
    expect(foundOf('STREET_ADDRESS', 'Office at 1180 Ponce Rd NE, Atlanta')).toEqual(['1180 Ponce Rd NE']);
  });
  it('leaves capitalised words followed by numbers alone', () => {
    expect(found('In Spring 2025 the Weg 4 team met at place Settings 3 and Offering 12')).toEqual([]);
  });
});

describe('IP_ADDRESS context', () => {
  it('a version word applies only within its clause', () => {
    expect(foundOf('IP_ADDRESS', 'release done;nc 91.204.17.33 4444')).toEqual(['91.204.17.33']);
    expect(foundOf('IP_ADDRESS', 'Release notes: bumped 4.2.1.9 -> 4.2.2.0')).toEqual([]);
  });
  it('a value after a sibling version (a dependency list) is a version', () => {
    expect(found('{"deps": {"axios": "1.6.8", "old-client": "2.3.1.4"}}')).toEqual([]);
    expect(foundOf('IP_ADDRESS', '{"service": "api", "host": "10.20.30.40"}')).toEqual(['10.20.30.40']);
  });
});

describe('EMAIL boundaries', () => {
  it('drops a string quote before the mailbox and symbol-only local parts', () => {
    expect(foundOf('EMAIL', "WHERE owner = 'li.wei@harbourline.com'")).toEqual(['li.wei@harbourline.com']);
    expect(foundOf('EMAIL', "WHERE email LIKE '%@harbourline.com'")).toEqual([]);
  });
});

describe('PASSPORT in identity documents', () => {
  it('takes the document type from a sibling field a few fields back', () => {
    const doc = JSON.stringify({ document: { type: 'passport', issuing_country: 'FR', document_number: '19AV72043' } }, null, 4);
    expect(foundOf('PASSPORT', doc)).toEqual(['19AV72043']);
    const licence = JSON.stringify({ document: { type: 'driving_licence', issuing_country: 'FR', document_number: '19AV72043' } }, null, 4);
    expect(foundOf('PASSPORT', licence)).toEqual([]);
  });
});
