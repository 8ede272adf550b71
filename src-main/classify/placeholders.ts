/**
 * Values that look like findings but are placeholders, masks or documentation values
 * (classification.md, general rule 1).
 */

const PLACEHOLDER_LETTERS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'apikey', 'key', 'value', 'string', 'null', 'none',
  'undefined', 'true', 'false', 'redacted', 'removed', 'hidden', 'masked', 'todo', 'tbd', 'changeme',
  'placeholder', 'dummy', 'fake', 'sample', 'test', 'foo', 'bar', 'foobar', 'replaceme', 'secretkey',
  'yourpassword', 'mypassword', 'yourtoken', 'yourapikey', 'yourkey', 'yoursecret', 'apikeyhere', 'tokenhere',
]);

/** Placeholder, template expression, mask or truncation: never a real value. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (v.length > 4096) return false;
  if (/^[<{[(]/.test(v) || /[>}\])]$/.test(v)) return true; // <your-key>, {{ x }}, [REDACTED]
  if (v.includes('${') || v.includes('{{') || v.includes('%(') || /^\$[A-Za-z_]\w*$/.test(v)) return true;
  if (/\*{3}|x{5}|X{5}|\.{3}|…|•{3}|#{4}/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true;
  if (/example|placeholder|redacted|replace_?me|your_?(?:api|key|token|secret|pass)|_here\b/i.test(v)) return true;
  // "changeme", "CHANGE_ME_IN_PROD" ask for a value; "changeme1", "Changeme!2024" are weak passwords someone set.
  if (/change[_-]?me(?![\d!@#$%^&*?.]+$)/i.test(v)) return true;
  return PLACEHOLDER_LETTERS.has(v.toLowerCase().replace(/[\s_.-]/g, ''));
}

/** Reserved documentation/test domains (RFC 2606, RFC 6761). */
export function isReservedDomain(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return /(?:^|\.)example\.(?:com|org|net)$/.test(d) || /(?:^|\.)(?:example|test|invalid|localhost)$/.test(d) || d === 'localhost';
}

export const AWS_SAMPLE_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const AWS_SAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
