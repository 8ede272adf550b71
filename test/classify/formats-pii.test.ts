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

describe('IP_ADDRESS ranges', () => {
  it('leaves the benchmarking range alone, neither routable nor private', () => {
    expect(found('perf rig at 198.18.0.12 and 198.19.255.1')).toEqual([]);
    expect(foundOf('IP_ADDRESS', 'perf rig at 198.17.0.12 and 198.20.0.1')).toEqual(['198.17.0.12', '198.20.0.1']);
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

describe('PASSPORT in other languages', () => {
  it('knows the word for passport in the languages agents commonly meet', () => {
    expect(foundOf('PASSPORT', 'passaporte FX482193; passaporto n. YB3849217; Paspoortnummer: NW4R82K17; Nr paszportu: EA4829173')).toEqual([
      'FX482193',
      'YB3849217',
      'NW4R82K17',
      'EA4829173',
    ]);
    expect(foundOf('PASSPORT', '旅券番号：TK4829173\n护照号码：E48291736\n여권번호: M48291736\nرقم جواز السفر: A04829173\nपासपोर्ट संख्या: K4829173')).toEqual([
      'TK4829173',
      'E48291736',
      'M48291736',
      'A04829173',
      'K4829173',
    ]);
  });
  it('still needs the cue', () => {
    expect(found('Referenz TK4829173, Vorgang E48291736')).toEqual([]);
  });
});

describe('DATE_OF_BIRTH forms', () => {
  it('knows birth cues in more languages, Korean dates and compact CCYYMMDD', () => {
    expect(foundOf('DATE_OF_BIRTH', '생년월일: 1992년 7월 9일')).toEqual(['1992년 7월 9일']);
    expect(foundOf('DATE_OF_BIRTH', 'تاريخ الميلاد: 1984/05/17 — जन्म तिथि: 15/08/1989 — ngày sinh 03/04/1990')).toEqual(['1984/05/17', '15/08/1989', '03/04/1990']);
    expect(foundOf('DATE_OF_BIRTH', 'EMP|00418|SSN=328106978|DOB=19800312|HIRE=20190107')).toEqual(['19800312']);
    expect(foundOf('DATE_OF_BIRTH', 'Date of Birth: 12-Mar-1980; DOB 03-MAR-1975')).toEqual(['12-Mar-1980', '03-MAR-1975']);
  });
  it('takes a date the cue follows in parentheses', () => {
    expect(foundOf('DATE_OF_BIRTH', 'member 5515 | b. 3/9/72 (date of birth) | joined 2018-12-30')).toEqual(['3/9/72']);
  });
  it('does not reach past another field for the date', () => {
    expect(found('born: n/a | joined 2018-12-30')).toEqual([]);
    expect(found('DOB unknown; hired 2020-01-06')).toEqual([]);
  });
});

describe('PHONE cues in other scripts', () => {
  it('finds national numbers after phone words that have no word breaks, and Chinese mobiles', () => {
    expect(foundOf('PHONE', '電話番号：090-4821-7733\n연락처: 010-4829-1736\n预留手机 139 1048 2273')).toEqual(['090-4821-7733', '010-4829-1736', '139 1048 2273']);
    expect(foundOf('PHONE', 'teléfono: 612 345 678')).toEqual(['612 345 678']);
  });
  it('leaves the same groups alone without the cue', () => {
    expect(found('批次 139 1048 2273，订单 090-4821-7733, lote 612 345 678')).toEqual([]);
    expect(found('Tel Aviv office: 612 345 678 visitors this year')).toEqual([]);
  });
});

describe('STREET_ADDRESS in more countries', () => {
  it('finds Italian, Polish, Canadian, UK and Chinese and Japanese forms', () => {
    expect(foundOf('STREET_ADDRESS', 'residente in Via Giuseppe Garibaldi 34, 20121 Milano')).toEqual(['Via Giuseppe Garibaldi 34, 20121 Milano']);
    expect(foundOf('STREET_ADDRESS', 'Envío a C/ Alcalá 45, 28014 Madrid mañana; Av. Paulista, 1578')).toEqual(['C/ Alcalá 45, 28014 Madrid', 'Av. Paulista, 1578']);
    expect(foundOf('STREET_ADDRESS', 'Adres: ul. Marszałkowska 84/92 m. 17, 00-514 Warszawa')).toEqual(['ul. Marszałkowska 84/92 m. 17, 00-514 Warszawa']);
    expect(foundOf('STREET_ADDRESS', 'ship to 1180 Rue Sainte-Catherine O, Montréal, QC H3B 1K1 today')).toEqual(['1180 Rue Sainte-Catherine O, Montréal, QC H3B 1K1']);
    expect(foundOf('STREET_ADDRESS', 'deliver to Flat 3, 27 Kelvin Grove, Glasgow G3 7SA')).toEqual(['Flat 3, 27 Kelvin Grove, Glasgow G3 7SA']);
    expect(foundOf('STREET_ADDRESS', '地址：上海市徐汇区漕溪北路88号')).toEqual(['上海市徐汇区漕溪北路88号']);
    expect(foundOf('STREET_ADDRESS', '住所：東京都千代田区丸の内1丁目2番3号')).toEqual(['東京都千代田区丸の内1丁目2番3号']);
  });
  it('leaves citations, lone numbers of a district and English uses of "via" alone', () => {
    expect(found('as Jones et al. Nature 2019 showed, sent via Email 3 times; 上海市徐汇区 2024年')).toEqual([]);
    expect(found('Meeting notes: Via Zoom 3 people joined.')).toEqual([]);
  });
  it('takes a street line without a suffix from an address field, in JSON, in text and in a column', () => {
    expect(foundOf('STREET_ADDRESS', '{"shipping_address": {"street": "21 Rue des Martyrs", "city": "Paris"}}')).toEqual(['21 Rue des Martyrs']);
    expect(foundOf('STREET_ADDRESS', 'fields:\n  address: 2045 Calle Ocho\n  city_state_zip: Miami, FL 33135')).toEqual(['2045 Calle Ocho']);
    expect(foundOf('STREET_ADDRESS', 'stop | recipient | address\n1 | J. McLeod | 27 Kelvin Close, Glasgow\n2 | A. Tremblay | 1180 Calle Ocho')).toEqual([
      '27 Kelvin Close, Glasgow',
      '1180 Calle Ocho',
    ]);
  });
  it('leaves other addresses and other fields alone', () => {
    expect(found('{"ip_address": "12 Calle Ocho", "email_address": "2 Calle Ocho", "address_line2": "Suite 400", "note": "2045 Calle Ocho"}')).toEqual([]);
    expect(found('{"address": "10 min walk from the station", "street": "approx 5"}')).toEqual([]);
  });
});
