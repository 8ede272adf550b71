/**
 * Typed identifiers: FHIR's `Identifier` and records shaped like it,
 *   { "type": { "coding": [{ "code": "MR" }], "text": "Medical record number" }, "system": "…", "value": "2388413" },
 * and codings, { "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9" }. The value's field
 * name is only "value" or "code"; its type code (HL7 table 0203), the type's text or the system URI
 * say what it is. The walker scans such a value under the field name returned here, which the
 * context detectors know (classification.md rule 6).
 */

import { normaliseKey } from './context';

/** HL7 table 0203 codes naming an identifier of one of our types. */
const TYPE_CODES: Record<string, string> = {
  MR: 'mrn', MRN: 'mrn', MRT: 'mrn', PI: 'mrn', PT: 'mrn', SS: 'ssn', SSN: 'ssn', NPI: 'npi', PPN: 'passport',
};
/** Identifier types in words (`type.text`, `coding.display`). */
const TYPE_TEXTS: [RegExp, string][] = [
  [/medical record|patient (?:id|identifier|number)/i, 'mrn'],
  [/social security/i, 'ssn'],
  [/national provider|\bnpi\b/i, 'npi'],
  [/passport/i, 'passport'],
];
/** Systems: FHIR's named systems, the OIDs of SSNs, NPIs and ICD-10-CM, and local MRN namespaces. */
const SYSTEMS: [RegExp, string][] = [
  [/us-ssn|social-security|2\.16\.840\.1\.113883\.4\.1$/i, 'ssn'],
  [/us-npi|2\.16\.840\.1\.113883\.4\.6$/i, 'npi'],
  [/[/:.]mrn\b|medical-?record/i, 'mrn'],
  [/passport/i, 'passport'],
  [/icd-?10|2\.16\.840\.1\.113883\.6\.90$/i, 'icd10'],
];

/** Fields that hold the typed value: an identifier's `value`, a coding's `code`. */
export const VALUE_FIELDS = new Set(['value', 'code']);

/** Fields that type the identifier from inside its `type` member (`code`, `text`, `display`). */
export const TYPE_FIELDS = new Set(['code', 'text', 'display']);

const byText = (value: string): string | undefined => TYPE_TEXTS.find(([re]) => re.test(value))?.[1];

/**
 * The field name a typed identifier's value is scanned under, from one of its typing fields: the
 * type's `code`, `text` or `display`, the identifier's `system`, or a plain `"type": "SSN"`.
 */
export function identifierKey(field: string, value: string): string | undefined {
  if (field === 'code') return TYPE_CODES[value.trim().toUpperCase()];
  if (field === 'text' || field === 'display') return byText(value);
  if (field === 'type') return TYPE_CODES[value.trim().toUpperCase()] ?? byText(value);
  // A system is a URI; a `system` field of prose (a chat request's system prompt) types nothing.
  if (field === 'system') return /^\S{1,256}$/.test(value) ? SYSTEMS.find(([re]) => re.test(value))?.[1] : undefined;
  return undefined;
}

/**
 * The same for a parsed object, read as walk.ts reads an object in JSON text (the first hint in
 * text order wins): a `system` or `type` string of the object, or a `code`, `text` or `display`
 * string inside its `type` member, up to two levels below it (`type.coding[].code`). Field
 * names are compared normalised (`Value`, `System`); `names` are the object's own keys, as the
 * walker has already listed them.
 */
export function identifierKeyOf(obj: Record<string, unknown>, names: readonly string[]): string | undefined {
  if (!names.some((name) => VALUE_FIELDS.has(normaliseKey(name)))) return undefined;
  for (const name of names) {
    const field = normaliseKey(name);
    if (field !== 'system' && field !== 'type') continue;
    const value = obj[name];
    const key = typeof value === 'string' ? identifierKey(field, value) : field === 'type' ? typeMemberKey(value, 0) : undefined;
    if (key) return key;
  }
  return undefined;
}

/** The typing strings inside a `type` member: object fields only, as walk.ts notes them, not array items. */
function typeMemberKey(member: unknown, depth: number): string | undefined {
  if (member === null || typeof member !== 'object' || depth > 2) return undefined;
  const isArray = Array.isArray(member);
  for (const [name, child] of Object.entries(member)) {
    const field = normaliseKey(name);
    const key =
      typeof child === 'string' ? (!isArray && TYPE_FIELDS.has(field) ? identifierKey(field, child) : undefined) : typeMemberKey(child, depth + 1);
    if (key) return key;
  }
  return undefined;
}
