import { describe, expect, it } from 'vitest';
import { found, foundOf } from './helpers';

describe('EMAIL', () => {
  it('finds mailboxes, role mailboxes included', () => {
    expect(foundOf('EMAIL', 'write to jane.doe+tax@northwind.io or billing@acme-corp.com.')).toEqual(['jane.doe+tax@northwind.io', 'billing@acme-corp.com']);
  });
  it('ignores reserved domains, git remotes and asset names', () => {
    expect(foundOf('EMAIL', 'a@example.com b@corp.example c@x.test d@y.invalid e@app.localhost bob@example.org')).toEqual([]);
    expect(foundOf('EMAIL', 'git clone git@github.com:acme/app.git; logo@2x.png')).toEqual([]);
  });
});

describe('PHONE', () => {
  it('finds phone-formatted numbers with their +CC', () => {
    expect(foundOf('PHONE', 'call (415) 555-0198 or +44 20 7946 0958')).toEqual(['(415) 555-0198', '+44 20 7946 0958']);
    expect(foundOf('PHONE', 'mobile: 415 555 0198')).toEqual(['415 555 0198']);
  });
  it('ignores dates, unformatted digit runs and space-separated numbers without context', () => {
    expect(foundOf('PHONE', 'on 2024-05-12 order 4155550198 totals 415 555 0198 units')).toEqual([]);
  });
});

describe('US_SSN', () => {
  it('finds separated SSNs and contiguous ones in SSN context', () => {
    expect(foundOf('US_SSN', 'SSN 536-22-1987; ssn: 536221987')).toEqual(['536-22-1987', '536221987']);
  });
  it('rejects invalid ranges, the placeholder and bare 9-digit numbers', () => {
    expect(foundOf('US_SSN', '000-12-3456 666-12-3456 912-34-5678 536-00-1987 536-22-0000 123-45-6789 invoice 536221987')).toEqual([]);
  });
});

describe('context-dependent PII', () => {
  it('finds passports and birth dates only next to their cue', () => {
    expect(found('Passport no. X4829107, born March 5, 1987')).toEqual(['PASSPORT:X4829107', 'DATE_OF_BIRTH:March 5, 1987']);
    expect(found('Ticket X4829107 opened March 5, 1987')).toEqual([]);
  });
  it('takes field names as context in JSON', () => {
    expect(found('{"passport_number":"533280912","dob":"1961-09-30"}')).toEqual(['PASSPORT:533280912', 'DATE_OF_BIRTH:1961-09-30']);
  });
});

describe('STREET_ADDRESS', () => {
  it('spans street, unit, city, state and ZIP when contiguous', () => {
    expect(foundOf('STREET_ADDRESS', 'Ship to 350 Fifth Avenue, Suite 12B, New York, NY 10118 today')).toEqual(['350 Fifth Avenue, Suite 12B, New York, NY 10118']);
  });
  it('ignores numbers followed by ordinary words', () => {
    expect(foundOf('STREET_ADDRESS', 'We ran 3 Drive tests and 12 Way points')).toEqual([]);
  });
});

describe('IP_ADDRESS', () => {
  it('finds private, public and IPv6 host addresses', () => {
    expect(foundOf('IP_ADDRESS', 'from 10.12.0.5 and 185.22.3.4 and 2607:f8b0:4005:80a::200e')).toEqual(['10.12.0.5', '185.22.3.4', '2607:f8b0:4005:80a::200e']);
  });
  it('ignores documentation ranges, loopback, networks, versions and times', () => {
    expect(
      foundOf('IP_ADDRESS', '192.0.2.1 198.51.100.7 203.0.113.9 2001:db8::1 127.0.0.1 0.0.0.0 10.0.0.0/8 version 1.2.3.4 at 10:30:00 1.2.3.4.5'),
    ).toEqual([]);
  });
});
