import { cueNearby, findAfterCue } from '../context';
import { wordList } from '../grams';
import type { Detector } from '../types';

const CUE = /\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|birthdate|birthday|born(?: on)?|geburtsdatum|fecha de nacimiento|date de naissance)\b|birth|dob/g;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\\.?';
const DATE = new RegExp(
  `(?<![\\w/.-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)? ${MONTH},? \\d{4})(?![\\w/-]|\\.\\d)`,
  'gi',
);

/** DATE_OF_BIRTH: the first date within a short gap after a birth cue (or in a dob field). */
const CUE_WORDS = wordList(['birth', 'dob', 'born', 'd.o.b', 'geburt', 'nacimiento', 'naissance']);

export const detectDateOfBirth: Detector = (ctx) =>
  !cueNearby(ctx, CUE_WORDS) ? [] : findAfterCue(ctx, CUE, DATE, 30).map(({ start, end }) => ({ type: 'DATE_OF_BIRTH', start, end, confidence: 0.9 }));
