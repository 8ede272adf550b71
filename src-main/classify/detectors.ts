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

/** Detectors that only ever match text containing a digit: skipped on digit-free strings. */
export const NUMERIC_DETECTORS: Detector[] = [
  detectPhone, detectSsn, detectPassport, detectDateOfBirth, detectStreetAddress, detectIpAddress,
  detectCreditCard, detectIban, detectRouting, detectBankAccount, detectNacha,
  detectMedicalRecord, detectNpi, detectIcd10, detectHl7, detectX12,
];

export const TEXT_DETECTORS: Detector[] = [
  detectEmail, detectSwiftBic, detectVendorTokens, detectAwsSecret, detectPrivateKey, detectJwt, detectPassword,
  detectConnectionString, detectGenericSecret,
  detectPromptInjection, detectExfiltration, detectSqlInjection, detectPathTraversal, detectShellInjection,
];
