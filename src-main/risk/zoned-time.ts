/**
 * Local wall-clock time in an IANA time zone, computed with Intl only (no tz package).
 * Intl formatting costs microseconds and allocates, so the UTC offset is cached per zone for the
 * current 15-minute slice of UTC: present-day zones change offset only at instants that are
 * whole quarter hours in UTC, so an offset read anywhere in a slice holds for all of it.
 */

const SLICE_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

interface OffsetCache {
  format: Intl.DateTimeFormat;
  slice: number;
  offsetMs: number;
}

const caches = new Map<string, OffsetCache>();

export interface LocalTime {
  /** 0 = Sunday … 6 = Saturday, as Date#getDay. */
  weekday: number;
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

/** Throws RangeError for a name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}

function cacheFor(timeZone: string): OffsetCache {
  let cache = caches.get(timeZone);
  if (cache === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    cache = { format, slice: Number.NaN, offsetMs: 0 };
    caches.set(timeZone, cache);
  }
  return cache;
}

function readOffset(format: Intl.DateTimeFormat, epochMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return wall - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** Offset of local time from UTC in milliseconds at `epochMs` (e.g. +3_600_000 for CET). */
export function utcOffsetMs(timeZone: string, epochMs: number): number {
  const cache = cacheFor(timeZone);
  const slice = Math.floor(epochMs / SLICE_MS);
  if (slice !== cache.slice) {
    cache.offsetMs = readOffset(cache.format, slice * SLICE_MS);
    cache.slice = slice;
  }
  return cache.offsetMs;
}

export function localTime(timeZone: string, epochMs: number): LocalTime {
  const local = epochMs + utcOffsetMs(timeZone, epochMs);
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (4).
  const weekday = (((day + 4) % 7) + 7) % 7;
  const minuteOfDay = Math.floor((local - day * DAY_MS) / 60_000);
  return { weekday, minuteOfDay };
}

/** Local hour 0–23, without building a LocalTime. */
export function localHour(timeZone: string, epochMs: number): number {
  const local = epochMs + utcOffsetMs(timeZone, epochMs);
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
}
