/**
 * HL7 v2 messages: a field's position in its segment is its name (PID-7 is the patient's date of
 * birth, DG1-3 the diagnosis code), so values there have their context without a cue word
 * (classification.md rule 6). Segments open a line; fields are split by `|`, repetitions by `~`
 * and components by `^` (the default encoding characters).
 */
import type { FindingType } from '../../../src-shared/decision';
import { npiValid, ssnFieldValid } from '../checksums';
import { matchAll, mentionsAny } from '../context';
import { wordList } from '../grams';
import { STREET_LINE } from '../pii/street-address';
import { split, type Piece } from './segments';
import type { Detector, Span } from '../types';

const SEGMENT = /(?:^|[\r\n])(PID|PV1|PD1|DG1|ORC|OBR)\|/g;
const SEGMENT_WORDS = wordList(['pid|', 'pv1|', 'pd1|', 'dg1|', 'orc|', 'obr|']);
/** Longest segment read: real ones are a few hundred characters. */
const MAX_SEGMENT = 4096;

/** Components of every repetition of field `n` (the segment name is field 0). */
const componentsOf = (fields: Piece[], n: number): Piece[][] =>
  fields[n] ? split(fields[n] as Piece, '~').map((rep) => split(rep, '^')) : [];

/** Patient identifier types that name a medical record (HL7 table 0203: MR, PI, PT) or none at all. */
const RECORD_ID_TYPES = new Set(['', 'MR', 'MRN', 'PI', 'PT']);
const RECORD_ID = /^(?=[A-Z]{0,3}-?\d)[A-Z0-9-]{4,20}$/;
/** Coding systems of ICD-10 (HL7 table 0396). */
const ICD10_SYSTEMS = new Set(['I10', 'I10C', 'ICD10', 'ICD-10', 'ICD10CM', 'ICD-10-CM']);
const ICD10 = /^[A-Z]\d[0-9AB](?:\.?[0-9A-Z]{1,4})?$/;
/** Fields holding a provider (XCN): PV1 attending, referring, consulting, admitting; PD1 primary care; ORC/OBR ordering. */
const PROVIDER_FIELDS: Record<string, number[]> = { PV1: [7, 8, 9, 17, 52], PD1: [4], ORC: [10, 11, 12], OBR: [16, 28] };

function segmentSpans(name: string, fields: Piece[]): Span[] {
  const out: Span[] = [];
  const add = (type: FindingType, p: Piece | undefined, length = p?.value.length ?? 0): void => {
    if (p && length > 0) out.push({ type, start: p.start, end: p.start + length, confidence: 0.85 });
  };
  if (name === 'PID') {
    for (const [id, , , , type] of componentsOf(fields, 3)) {
      if (id && RECORD_ID.test(id.value) && RECORD_ID_TYPES.has(type?.value ?? '')) add('MEDICAL_RECORD', id);
      else if (id && type?.value === 'SS' && ssnFieldValid(id.value)) add('US_SSN', id);
    }
    const [birth] = componentsOf(fields, 7)[0] ?? [];
    if (birth && /^\d{8}/.test(birth.value)) add('DATE_OF_BIRTH', birth, 8);
    for (const [street] of componentsOf(fields, 11)) if (street && STREET_LINE.test(street.value)) add('STREET_ADDRESS', street);
    const [ssn] = componentsOf(fields, 19)[0] ?? [];
    if (ssn && ssnFieldValid(ssn.value)) add('US_SSN', ssn);
  } else if (name === 'DG1') {
    const method = fields[2]?.value ?? '';
    for (const [code, , system] of componentsOf(fields, 3)) {
      if (code && ICD10.test(code.value) && (ICD10_SYSTEMS.has(system?.value ?? '') || ICD10_SYSTEMS.has(method))) add('ICD10_CODE', code);
    }
  }
  for (const n of PROVIDER_FIELDS[name] ?? []) {
    for (const [id] of componentsOf(fields, n)) if (id && npiValid(id.value)) add('NPI', id);
  }
  return out;
}

export const detectHl7: Detector = (ctx) => {
  if (!ctx.text.includes('|') || !mentionsAny(ctx, SEGMENT_WORDS)) return [];
  const { text } = ctx;
  const out: Span[] = [];
  for (const m of matchAll(text, SEGMENT)) {
    const start = m.index + m[0].length - (m[1] as string).length - 1;
    const rest = text.slice(start, start + MAX_SEGMENT);
    const lineEnd = rest.search(/[\r\n]/);
    const segment = { value: lineEnd < 0 ? rest : rest.slice(0, lineEnd), start };
    out.push(...segmentSpans(m[1] as string, split(segment, '|')));
  }
  return out;
};
