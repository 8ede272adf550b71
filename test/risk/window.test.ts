import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inWindow, parseWindow, WindowSyntaxError } from '../../src-main/risk/window';
import { localTime } from '../../src-main/risk/zoned-time';

const at = (iso: string): number => Date.parse(iso);

describe('parseWindow', () => {
  it('parses days, range and zone', () => {
    const window = parseWindow('Mon-Fri 08:00-18:00 Europe/Berlin');
    expect(window.timeZone).toBe('Europe/Berlin');
    expect(window.rules).toEqual([{ days: 0b0111110, start: 480, end: 1080 }]);
  });

  it('defaults to UTC and every day', () => {
    const window = parseWindow('09:00-17:00');
    expect(window.timeZone).toBe('UTC');
    expect(window.rules).toEqual([{ days: 0b1111111, start: 540, end: 1020 }]);
  });

  it('accepts day lists, wrapping day ranges, long names, several ranges and segments', () => {
    const window = parseWindow('mon,wed,Friday 08:00-12:00,13:00-17:00; Sat-Sun 10:00-24:00 Europe/London');
    expect(window.rules).toEqual([
      { days: 0b0101010, start: 480, end: 720 },
      { days: 0b0101010, start: 780, end: 1020 },
      { days: 0b1000001, start: 600, end: 1440 },
    ]);
    expect(parseWindow('Fri-Mon 10:00-11:00').rules[0]?.days).toBe(0b1100011);
  });

  it.each([
    ['', 'no time range'],
    ['Mon-Fri 8-18', 'bad time range'],
    ['Mon-Fri 08:00-18:00 Mars/Olympus_Mons', 'unknown time zone'],
    ['Funday 08:00-10:00', 'unknown day'],
    ['Mon-Fri 08:00-08:00', 'empty time range'],
    ['Mon 25:00-26:00', 'bad time'],
    ['Mon 10:00-24:30', 'bad time'],
    ['Mon-Fri-Sat 08:00-10:00', 'bad day list'],
    ['Mon Tue 08:00-10:00 UTC', 'bad segment'],
  ])('rejects %j (%s)', (text, message) => {
    expect(() => parseWindow(text)).toThrow(WindowSyntaxError);
    expect(() => parseWindow(text)).toThrow(message);
  });
});

describe('inWindow', () => {
  const berlin = parseWindow('Mon-Fri 08:00-18:00 Europe/Berlin');

  it('judges in the window zone, start inclusive and end exclusive (winter, CET = UTC+1)', () => {
    expect(inWindow(berlin, at('2026-01-12T07:00:00Z'))).toBe(true); // Mon 08:00
    expect(inWindow(berlin, at('2026-01-12T06:59:00Z'))).toBe(false); // Mon 07:59
    expect(inWindow(berlin, at('2026-01-12T16:59:00Z'))).toBe(true); // Mon 17:59
    expect(inWindow(berlin, at('2026-01-12T17:00:00Z'))).toBe(false); // Mon 18:00
    expect(inWindow(berlin, at('2026-01-17T10:00:00Z'))).toBe(false); // Sat 11:00
  });

  it('follows the spring DST change (2026-03-29)', () => {
    expect(inWindow(berlin, at('2026-03-27T06:30:00Z'))).toBe(false); // Fri 07:30 CET
    expect(inWindow(berlin, at('2026-03-30T06:30:00Z'))).toBe(true); // Mon 08:30 CEST
  });

  it('follows the autumn DST change (2026-10-25)', () => {
    expect(inWindow(berlin, at('2026-10-23T16:30:00Z'))).toBe(false); // Fri 18:30 CEST
    expect(inWindow(berlin, at('2026-10-26T16:30:00Z'))).toBe(true); // Mon 17:30 CET
  });

  it('follows US DST (2026-03-08) in America/New_York', () => {
    const ny = parseWindow('Mon-Fri 09:00-17:00 America/New_York');
    expect(inWindow(ny, at('2026-03-06T13:30:00Z'))).toBe(false); // Fri 08:30 EST
    expect(inWindow(ny, at('2026-03-09T13:30:00Z'))).toBe(true); // Mon 09:30 EDT
  });

  it('handles half-hour offsets (Asia/Kolkata, UTC+5:30)', () => {
    const kolkata = 'daily 09:00-10:00 Asia/Kolkata';
    expect(inWindow(kolkata, at('2026-05-05T03:30:00Z'))).toBe(true);
    expect(inWindow(kolkata, at('2026-05-05T03:29:00Z'))).toBe(false);
  });

  it('runs an overnight range into the next day only for the day it starts on', () => {
    const night = parseWindow('Fri 22:00-06:00 UTC');
    expect(inWindow(night, at('2026-11-27T22:00:00Z'))).toBe(true); // Fri 22:00
    expect(inWindow(night, at('2026-11-27T21:59:00Z'))).toBe(false);
    expect(inWindow(night, at('2026-11-28T05:59:00Z'))).toBe(true); // Sat 05:59
    expect(inWindow(night, at('2026-11-28T06:00:00Z'))).toBe(false);
    expect(inWindow(night, at('2026-11-27T01:00:00Z'))).toBe(false); // Fri 01:00 belongs to Thu
  });

  it('accepts a Date and window text', () => {
    expect(inWindow('Mon-Fri 08:00-18:00 Europe/Berlin', new Date('2026-11-24T09:00:00Z'))).toBe(true);
  });
});

describe('localTime', () => {
  const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham'];
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

  it('agrees with Intl for random instants in DST-observing and fractional-offset zones', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (zone, epochMs) => {
        const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' }).formatToParts(epochMs);
        const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
        const local = localTime(zone, epochMs);
        expect(weekdays[local.weekday]).toBe(get('weekday'));
        expect(local.minuteOfDay).toBe(Number(get('hour')) * 60 + Number(get('minute')));
      }),
      { numRuns: 2000 },
    );
  });
});
