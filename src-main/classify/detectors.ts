import { detectBankAccount, detectRouting, detectSwiftBic } from './financial/bank';
import { detectCreditCard } from './financial/credit-card';
import { detectIban } from './financial/iban';
import { detectNacha } from './financial/nacha';
import { detectHl7 } from './health/hl7';
import { detectIcd10, detectMedicalRecord, detectNpi } from './health/medical';
import { detectX12 } from './health/x12';
import { detectDateOfBirth } from './pii/date-of-birth';
import { detectEmail } from './pii/email';
import { detectIpAddress } from './pii/ip-address';
import { detectPassport } from './pii/passport';
import { detectPhone } from './pii/phone';
import { detectSsn } from './pii/ssn';
import { detectStreetAddress } from './pii/street-address';
import { detectAwsSecret } from './secrets/aws-secret';
import { detectConnectionString } from './secrets/connection-string';
import { detectGenericSecret } from './secrets/generic-secret';
import { detectJwt } from './secrets/jwt';
import { detectPassword } from './secrets/password';
import { detectPrivateKey } from './secrets/private-key';
import { detectVendorTokens } from './secrets/vendor-tokens';
import { detectExfiltration } from './threats/exfiltration';
import { detectPathTraversal } from './threats/path-traversal';
import { detectPromptInjection } from './threats/prompt-injection';
import { detectShellInjection } from './threats/shell-injection';
import { detectSqlInjection } from './threats/sql-injection';
import type { Detector } from './types';

/**
 * A detector and the shortest text it can find anything in: below `minChars` characters it
 * returns nothing, so the call is skipped. Each minimum is the shortest span the detector can
 * report (its candidate pattern, matched in the text itself, or its own length check), whatever
 * the field name or the text before say: those cue a candidate, they never shorten one.
 * 0: no minimum is established beyond the 3 characters every scanned string has.
 */
export interface GatedDetector {
  detect: Detector;
  minChars: number;
}

/** Detectors that only ever match text containing a digit: skipped on digit-free strings. */
export const NUMERIC_DETECTORS: GatedDetector[] = [
  // INTERNATIONAL: '+' and at least 8 digits; NANP: 3-3-4 digits and two separators; NATIONAL: at least 9 digits.
  { detect: detectPhone, minChars: 9 },
  // SSN: 3, 2 and 4 digits (the HL7/X12 field forms are found by those detectors).
  { detect: detectSsn, minChars: 9 },
  // NUMBER and WHOLE_NUMBER: 6 to 9 letters or digits.
  { detect: detectPassport, minChars: 6 },
  // DATE's shortest form: d/m/yy; the "(dob)" form reports the DATE before it.
  { detect: detectDateOfBirth, minChars: 6 },
  // ZH_STREET: one ideograph, 路, a digit and 号.
  { detect: detectStreetAddress, minChars: 0 },
  // IPV4: four octets and three dots; an IPv6 address that ipv6Valid takes: three groups and "::" and ":" ("a::b:c").
  { detect: detectIpAddress, minChars: 6 },
  // CANDIDATE: 13 to 19 digits.
  { detect: detectCreditCard, minChars: 13 },
  // CANDIDATE: country, check digits and two groups of four.
  { detect: detectIban, minChars: 12 },
  // NINE_DIGITS.
  { detect: detectRouting, minChars: 9 },
  // ACCOUNT_NUMBER: 6 to 17 digits.
  { detect: detectBankAccount, minChars: 6 },
  // ENTRY: a 94-character record.
  { detect: detectNacha, minChars: 94 },
  // MRN: at least five digits.
  { detect: detectMedicalRecord, minChars: 5 },
  // TEN_DIGITS.
  { detect: detectNpi, minChars: 10 },
  // ICD10: three characters ("dx" in the field name, "I10" the value).
  { detect: detectIcd10, minChars: 0 },
  { detect: detectHl7, minChars: 0 },
  { detect: detectX12, minChars: 0 },
];

export const TEXT_DETECTORS: GatedDetector[] = [
  // A local part, '@', a label, '.' and a two-letter TLD ("a@b.io").
  { detect: detectEmail, minChars: 6 },
  // BIC: 4 + 2 + 2 letters or digits.
  { detect: detectSwiftBic, minChars: 8 },
  // The shortest rule, Slack's: "xoxb-", one character, '-', six more.
  { detect: detectVendorTokens, minChars: 13 },
  // SECRET: 40 characters.
  { detect: detectAwsSecret, minChars: 40 },
  // BEGIN alone: "-----BEGIN PRIVATE KEY-----".
  { detect: detectPrivateKey, minChars: 27 },
  // TOKEN: "eyJ", 8 characters, '.', 2 characters, '.'.
  { detect: detectJwt, minChars: 15 },
  // accept(): every value it reports has at least 4 characters.
  { detect: detectPassword, minChars: 4 },
  { detect: detectConnectionString, minChars: 0 },
  // secretLike(): every value it reports has at least 32 characters.
  { detect: detectGenericSecret, minChars: 32 },
  { detect: detectPromptInjection, minChars: 0 },
  { detect: detectExfiltration, minChars: 0 },
  // COMMENT_BREAK finds "a'#".
  { detect: detectSqlInjection, minChars: 0 },
  { detect: detectPathTraversal, minChars: 0 },
  // METACHAR finds ";id" in a host field.
  { detect: detectShellInjection, minChars: 0 },
];
