import { describe, expect, it } from 'vitest';
import { found, foundOf } from './helpers';

describe('CREDIT_CARD', () => {
  it('finds Luhn-valid numbers of known brands, separators included', () => {
    expect(foundOf('CREDIT_CARD', 'visa 4111 1111 1111 1111, amex 3782-822463-10005, mc 5555555555554444')).toEqual([
      '4111 1111 1111 1111',
      '3782-822463-10005',
      '5555555555554444',
    ]);
  });
  it('rejects Luhn failures, unknown brands, mixed separators and masks', () => {
    expect(foundOf('CREDIT_CARD', 'order 4111111111111112, id 9111111111111111 (Luhn-valid, no brand), 4111 1111-1111 1111, **** **** **** 1111')).toEqual([]);
  });
});

describe('IBAN', () => {
  it('validates country length and mod-97, compact or grouped', () => {
    expect(foundOf('IBAN', 'to DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432.')).toEqual(['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432']);
  });
  it('rejects a wrong check digit and a wrong length', () => {
    expect(foundOf('IBAN', 'DE88370400440532013000 and DE8937040044053201300')).toEqual([]);
  });
});

describe('bank details in context', () => {
  it('finds BIC, ABA routing and account numbers next to their cues', () => {
    expect(found('BIC: DEUTDEFF, routing number 021000021, account number 7300194822')).toEqual([
      'SWIFT_BIC:DEUTDEFF',
      'US_BANK_ROUTING:021000021',
      'BANK_ACCOUNT:7300194822',
    ]);
  });
  it('needs the cue and, for routing numbers, the ABA checksum', () => {
    expect(found('code DEUTDEFF, number 021000021, ref 7300194822')).toEqual([]);
    expect(foundOf('US_BANK_ROUTING', 'routing number 021000022')).toEqual([]);
  });
});
