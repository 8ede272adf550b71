/**
 * Operating windows: `Mon-Fri 08:00-18:00 Europe/Berlin`.
 *
 * Grammar (case-insensitive, whitespace-separated):
 *   window  := segment (';' segment)* [time-zone]
 *   segment := [days] range (',' range)*
 *   days    := day-spec (',' day-spec)*      day-spec := Day | Day '-' Day | 'daily'
 *   range   := HH:MM '-' HH:MM               (end may be 24:00)
 * Days are Mon…Sun; a day range may wrap (`Fri-Mon`). Without days a segment applies every day.
 * The time zone is an IANA name (default UTC). Times are local wall-clock, so DST is followed
 * automatically. A range whose end is before its start runs overnight and belongs to the day it
 * starts on: `Fri 22:00-06:00` covers Friday 22:00 to Saturday 06:00.
 */
import { assertTimeZone, localTime } from './zoned-time';

export interface WindowRule {
  /** Bit d set when weekday d (0 = Sunday) is included. */
  days: number;
  /** Minutes since midnight, inclusive. */
  start: number;
  /** Minutes since midnight, exclusive; may be ≤ start for an overnight range. */
  end: number;
}

export interface OperatingWindow {
  source: string;
  timeZone: string;
  rules: WindowRule[];
}

export class WindowSyntaxError extends Error {}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES_LONG = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ALL_DAYS = 0b1111111;
const RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;

function dayIndex(name: string, source: string): number {
  const index = DAY_NAMES.indexOf(name.slice(0, 3));
  const valid = index >= 0 && (name.length === 3 || DAY_NAMES_LONG[index] === name);
  if (!valid) throw new WindowSyntaxError(`unknown day '${name}' in window '${source}'`);
  return index;
}

function parseDays(spec: string, source: string): number {
  let mask = 0;
  for (const item of spec.split(',')) {
    if (item === 'daily' || item === '*') {
      mask = ALL_DAYS;
      continue;
    }
    const [from, to, extra] = item.split('-');
    if (from === undefined || from === '' || extra !== undefined || to === '') {
      throw new WindowSyntaxError(`bad day list '${spec}' in window '${source}'`);
    }
    const first = dayIndex(from, source);
    const last = to === undefined ? first : dayIndex(to, source);
    for (let d = first; ; d = (d + 1) % 7) {
      mask |= 1 << d;
      if (d === last) break;
    }
  }
  return mask;
}

function parseMinutes(hours: string, minutes: string, allow24: boolean, source: string): number {
  const h = Number(hours);
  const m = Number(minutes);
  const ok = m < 60 && (h < 24 || (allow24 && h === 24 && m === 0));
  if (!ok) throw new WindowSyntaxError(`bad time '${hours}:${minutes}' in window '${source}'`);
  return h * 60 + m;
}

function parseRanges(spec: string, days: number, source: string): WindowRule[] {
  return spec.split(',').map((item) => {
    const match = RANGE.exec(item);
    if (match === null) throw new WindowSyntaxError(`bad time range '${item}' in window '${source}'`);
    const [, h1 = '', m1 = '', h2 = '', m2 = ''] = match;
    const start = parseMinutes(h1, m1, false, source);
    const end = parseMinutes(h2, m2, true, source);
    if (start === end) throw new WindowSyntaxError(`empty time range '${item}' in window '${source}' (use 00:00-24:00 for all day)`);
    return { days, start, end };
  });
}

export function parseWindow(source: string): OperatingWindow {
  const tokens = source.trim().split(/\s+/).filter((t) => t !== '');
  let timeZone = 'UTC';
  const last = tokens[tokens.length - 1];
  // A segment always ends with a time range, so a last token without a clock time is the zone.
  if (last !== undefined && tokens.length > 1 && /^[a-z]/i.test(last) && !/\d:\d/.test(last)) {
    try {
      assertTimeZone(last);
    } catch {
      throw new WindowSyntaxError(`unknown time zone '${last}' in window '${source}'`);
    }
    timeZone = last;
    tokens.pop();
  }
  const body = tokens.join(' ').toLowerCase();
  if (body === '') throw new WindowSyntaxError(`window '${source}' has no time range`);
  const rules: WindowRule[] = [];
  for (const rawSegment of body.split(';')) {
    const parts = rawSegment.trim().split(' ').filter((p) => p !== '');
    if (parts.length === 0 || parts.length > 2) throw new WindowSyntaxError(`bad segment '${rawSegment.trim()}' in window '${source}'`);
    const days = parts.length === 2 ? parseDays(parts[0] ?? '', source) : ALL_DAYS;
    rules.push(...parseRanges(parts[parts.length - 1] ?? '', days, source));
  }
  return { source, timeZone, rules };
}

/** Whether `date` falls inside the window, judged in the window's time zone. */
export function inWindow(window: OperatingWindow | string, date: Date | number): boolean {
  const parsed = typeof window === 'string' ? parseWindow(window) : window;
  const epochMs = typeof date === 'number' ? date : date.getTime();
  const { weekday, minuteOfDay } = localTime(parsed.timeZone, epochMs);
  const today = 1 << weekday;
  const yesterday = 1 << ((weekday + 6) % 7);
  for (const rule of parsed.rules) {
    if (rule.start < rule.end) {
      if ((rule.days & today) !== 0 && minuteOfDay >= rule.start && minuteOfDay < rule.end) return true;
    } else if (((rule.days & today) !== 0 && minuteOfDay >= rule.start) || ((rule.days & yesterday) !== 0 && minuteOfDay < rule.end)) {
      return true;
    }
  }
  return false;
}
