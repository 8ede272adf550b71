/**
 * Time builtins. Timestamps are nanoseconds since the epoch held in doubles: exact for whole
 * seconds through year 2255, about 0.25 µs granularity otherwise.
 */
import { builtinError, typeError } from '../errors';
import { isArray, typeName, type Value } from '../value';
import { num, str, type Builtin } from './registry';

const NS_PER_MS = 1e6;
/** Go's time values in ns fit an int64 (2^63 - 1 rounds to 2^63 as a double). */
const MAX_NS = 2 ** 63;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function tzOffsetMs(tz: string, utcMs: number): number {
  if (tz === '' || tz === 'UTC') return 0;
  const zone = tz === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : tz;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw builtinError(`unknown time zone ${tz}`);
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A `time.date`-style argument: ns, or [ns, "Zone"]. Returns a Date shifted to local wall time. */
function wallClock(v: Value): Date {
  let ns: number;
  let tz = 'UTC';
  if (typeof v === 'number') ns = v;
  else if (isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string') {
    ns = v[0];
    tz = v[1];
  } else {
    throw typeError(`operand 1 must be one of {number, array} but got ${typeName(v)}`);
  }
  if (Math.abs(ns) > MAX_NS) throw builtinError('timestamp too big');
  const ms = Math.floor(ns / NS_PER_MS);
  return new Date(ms + tzOffsetMs(tz, ms));
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseRFC3339(s: string): number {
  const m = RFC3339.exec(s);
  if (!m) throw builtinError(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(s)} as "2006"`);
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) throw builtinError(`parsing time ${JSON.stringify(s)}: month out of range`);
  if (day < 1 || day > daysIn(Number(y), month)) throw builtinError(`parsing time ${JSON.stringify(s)}: day out of range`);
  if (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) throw builtinError(`parsing time ${JSON.stringify(s)}: hour out of range`);
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  date.setUTCHours(Number(h), Number(mi), Number(se), 0);
  let ms = date.getTime();
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  const fracNs = frac ? Math.round(Number((frac.slice(1) + '000000000').slice(0, 9))) : 0;
  const ns = ms * NS_PER_MS + fracNs;
  if (Math.abs(ns) > MAX_NS) throw builtinError('time outside of valid range');
  return ns;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function parseDuration(s: string): number {
  const m0 = /^([+-]?)(.*)$/.exec(s)!;
  const sign = m0[1] === '-' ? -1 : 1;
  let rest = m0[2]!;
  if (rest === '0') return 0;
  if (rest === '') throw builtinError(`time: invalid duration ${JSON.stringify(s)}`);
  let total = 0;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m) throw builtinError(`time: invalid duration ${JSON.stringify(s)}`);
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatRFC3339Nano(ns: number, tz = 'UTC'): string {
  if (Math.abs(ns) > MAX_NS) throw builtinError('timestamp too big');
  const ms = Math.floor(ns / NS_PER_MS);
  const offset = tzOffsetMs(tz, ms);
  const d = new Date(ms + offset);
  const fracNs = ns - ms * NS_PER_MS + d.getUTCMilliseconds() * NS_PER_MS;
  const frac = fracNs > 0 ? '.' + pad(Math.round(fracNs), 9).replace(/0+$/, '') : '';
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 3_600_000), 2)}:${pad(Math.floor(Math.abs(offset) / 60_000) % 60, 2)}`;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}${frac}${zone}`;
}

export const TIME_BUILTINS: Builtin[] = [
  { name: 'time.now_ns', arity: 0, fn: (_args, ctx) => ctx.nowNs() },
  { name: 'time.parse_rfc3339_ns', arity: 1, fn: (args) => parseRFC3339(str(args, 1)) },
  { name: 'time.parse_duration_ns', arity: 1, fn: (args) => parseDuration(str(args, 1)) },
  {
    name: 'time.date',
    arity: 1,
    fn: (args) => {
      const d = wallClock(args[0]!);
      return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    },
  },
  {
    name: 'time.clock',
    arity: 1,
    fn: (args) => {
      const d = wallClock(args[0]!);
      return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
    },
  },
  { name: 'time.weekday', arity: 1, fn: (args) => WEEKDAYS[wallClock(args[0]!).getUTCDay()]! },
  {
    name: 'time.add_date',
    arity: 4,
    fn: (args) => {
      const ns = num(args, 1);
      const ms = Math.floor(ns / NS_PER_MS);
      const d = new Date(ms);
      d.setUTCFullYear(d.getUTCFullYear() + num(args, 2), d.getUTCMonth() + num(args, 3), d.getUTCDate() + num(args, 4));
      const out = d.getTime() * NS_PER_MS + (ns - ms * NS_PER_MS);
      if (!Number.isFinite(out) || Math.abs(out) > MAX_NS) throw builtinError('time outside of valid range');
      return out;
    },
  },
  {
    name: 'time.diff',
    arity: 2,
    fn: (args) => {
      let a = wallClock(args[0]!);
      let b = wallClock(args[1]!);
      if (a.getTime() > b.getTime()) [a, b] = [b, a];
      let y = b.getUTCFullYear() - a.getUTCFullYear();
      let mo = b.getUTCMonth() - a.getUTCMonth();
      let d = b.getUTCDate() - a.getUTCDate();
      let h = b.getUTCHours() - a.getUTCHours();
      let mi = b.getUTCMinutes() - a.getUTCMinutes();
      let s = b.getUTCSeconds() - a.getUTCSeconds();
      if (s < 0) { s += 60; mi--; }
      if (mi < 0) { mi += 60; h--; }
      if (h < 0) { h += 24; d--; }
      if (d < 0) { d += daysIn(a.getUTCFullYear(), a.getUTCMonth() + 1); mo--; }
      if (mo < 0) { mo += 12; y--; }
      return [y, mo, d, h, mi, s];
    },
  },
  {
    name: 'time.format',
    arity: 1,
    fn: (args) => {
      const v = args[0]!;
      if (typeof v === 'number') return formatRFC3339Nano(v);
      if (isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return formatRFC3339Nano(v[0], v[1]);
      throw typeError(`operand 1 must be one of {number, array} but got ${typeName(v)}`);
    },
  },
];
