import { npiValid } from '../checksums';
import { cueEnds, cueNearby, findAfterCue, findAfterCues, type Cue } from '../context';
import { wordList } from '../grams';
import type { Detector, Span } from '../types';

const MRN_WORDS = wordList(['mrn', 'mr#', 'mr #', 'medical', 'med rec', 'med_rec', 'medrec', 'patient', 'chart', 'hospital']);
/**
 * Record-number cues in prose and field names (`medical_record_number`, `patient_mrn`, `MR#`,
 * "Med Rec No", the UK's "Hospital No"); `_` is no `\b` break, so letters bound the words on the right.
 */
const MRN_CUE =
  /\b(?:mrn|mr ?#|med(?:ical)?[ _-]?rec(?:ord)?s?(?:[ _-]?(?:number|num|no\.?|nr|#|id))?|patient[ _-]?(?:record|id|number|no\.?)|chart[ _-]?(?:no\.?|number|num|#|id)|hospital[ _-]?(?:no\.?|number|num|#))(?![a-z])|mrn|medicalrecord|patientid/g;
/** The same abroad ("historia clínica", "dossier médical", "prontuário", "Patientenakte", "カルテ番号", "病历号"), with its own words. */
const MRN_WORDS_ABROAD = wordList(['historia', 'dossier', 'prontu', 'cartella', 'kranken', 'patienten', 'patiënt', 'expediente', 'カルテ', '患者', '病历', '病歷', '病案', '住院号', '환자']);
const MRN_CUE_ABROAD =
  /\b(?:(?:n[uú]mero de )?historia cl[ií]nica|(?:n[uú]mero de )?expediente(?: cl[ií]nico| m[eé]dico)?|dossier (?:m[ée]dical|patient)|num[ée]ro de dossier|prontu[aá]rio|cartella clinica|(?:kranken|patienten)akte(?:nnummer)?|patienten(?:nummer|-?id)|patiëntnummer)|カルテ番号|患者(?:番号|id|编号|編號)|病[历歷]号|病[历歷]號|病案号|住院号|환자 ?번호/g;
/** MRNs: digits with an optional short letter prefix, at least five digits. */
const MRN = /(?<![\w-])(?:[A-Z]{1,3}-?)?\d{5,12}(?![\w-])/g;

const MRN_CUES: Cue[] = [[MRN_WORDS, MRN_CUE], [MRN_WORDS_ABROAD, MRN_CUE_ABROAD]];

export const detectMedicalRecord: Detector = (ctx) =>
  findAfterCues(ctx, MRN_CUES, MRN, 24).map(({ start, end }) => ({ type: 'MEDICAL_RECORD', start, end, confidence: 0.85 }));

const NPI_WORDS = wordList(['npi', 'provider', 'prescriber', 'physician', 'attending', 'rendering']);
const NPI_CUE = /\b(?:npi|provider|prescriber|physician|attending|rendering|billing provider)\b|npi/g;
const TEN_DIGITS = /(?<![\w.-])[12]\d{9}(?![\w-]|\.\d)/g;

export const detectNpi: Detector = (ctx) =>
  findAfterCues(ctx, [[NPI_WORDS, NPI_CUE]], TEN_DIGITS, 24)
    .filter(({ match }) => npiValid(match[0]))
    .map(({ start, end }) => ({ type: 'NPI', start, end, confidence: 0.95 }));

const ICD_WORDS = wordList(['dx', 'diag', 'icd', 'cie-10', 'cie10', 'cim-10', 'cim10', 'r/o', 'rule out', 'condition']);
/**
 * Diagnosis cues in prose and field names (`dx_code`, `primary_dx`, `diagnosisCode`, "Diag."; `_` is no
 * `\b` break, so letters bound the words), with the Spanish, Portuguese and French names of ICD-10
 * (CIE-10, CIM-10) and of a diagnosis (diagnóstico).
 */
const ICD_CUE =
  /(?<![a-z])d?dx(?![a-z])|\b(?:diagnos[ie]s|diagnosed|diagnose|diag\.?|icd[ -]?10(?:[ -]?cm)?|icd|cie[ -]?10|cim[ -]?10|r\/o|rule out|condition code)(?![a-z])|icd|diagnos|diagnóstico/g;
/** ICD-10-CM: letter, two characters, optional dot and up to four more. */
const ICD10 = /(?<![\w.-])[A-Z]\d[0-9AB](?:\.[0-9A-Z]{1,4})?(?![\w-]|\.\w)/g;

const CODE = '[A-Z]\\d[0-9AB](?:\\.[0-9A-Z]{1,4})?';
/** "Diagnosis: Sepsis, unspecified organism (A41.9)": the code in parentheses after its description, on the cue's line. */
const DESCRIBED_ICD10 = new RegExp(`^[^\\n()]{0,80}\\((${CODE})\\)`, 'g');
/**
 * The next code of a list: after a separator, bare ("E11.9, I10"), after the previous code's
 * description in parentheses ("F32.1 (major depression) and F41.1") or in words up to a semicolon
 * ("J18.1 lobar pneumonia; J44.9"), or described itself ("…(E11.9), hypertension (I10)").
 */
const NEXT_CODE = new RegExp(
  `^(?:(?:\\s*\\([^()\\n]{1,80}\\))?(?:\\s*(?:,|;|\\/|and|or|\\+)\\s*|\\s+)(${CODE})(?![\\w-])|\\s*[,;]\\s*[^\\n(),;]{1,60}\\((${CODE})\\)|[^\\n;.()]{1,60};\\s*(${CODE})(?![\\w-]))`,
);
/** How far past a code the next one of its list is looked for: a description in parentheses and a separator. */
const NEXT_REACH = 160;

/**
 * Several codes may follow one cue ("dx E11.9, I10"): codes chain while separated by short gaps,
 * within the cell for a code in a table column (the next cell is another column).
 */
export const detectIcd10: Detector = (ctx) => {
  if (!cueNearby(ctx, ICD_WORDS)) return [];
  const cues = cueEnds(ctx, ICD_CUE);
  const hits = findAfterCue(ctx, ICD_CUE, ICD10, 24, 64, cues).map(({ start, end, cellEnd }) => ({ start, end, limit: cellEnd ?? ctx.text.length }));
  for (const { end, match, cellEnd } of findAfterCue(ctx, ICD_CUE, DESCRIBED_ICD10, 0, 64, cues)) {
    const code = match[1] as string;
    if (!hits.some((h) => h.end === end - 1)) hits.push({ start: end - 1 - code.length, end: end - 1, limit: cellEnd ?? ctx.text.length });
  }
  const out: Span[] = hits.map(({ start, end }) => ({ type: 'ICD10_CODE', start, end, confidence: 0.85 }));
  for (const h of hits) {
    let end = h.end;
    for (;;) {
      // A described code's list goes on after its closing parenthesis.
      const from = ctx.text[end] === ')' ? end + 1 : end;
      const m = NEXT_CODE.exec(ctx.text.slice(from, Math.min(h.limit, from + NEXT_REACH)));
      const code = m?.[1] ?? m?.[2] ?? m?.[3];
      if (!m || !code) break;
      const start = from + m[0].length - code.length - (m[2] ? 1 : 0);
      end = start + code.length;
      out.push({ type: 'ICD10_CODE', start, end, confidence: 0.8 });
    }
  }
  return out;
};
