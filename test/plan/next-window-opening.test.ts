import fc from 'fast-check';
import { nextWindowOpening, windowProblem } from '../../src/plan';
import type { RebalanceWindow, Weekday } from '../../src/spec/types';

const w = (days: Weekday[], start: string, end: string, timezone: string): RebalanceWindow => ({ days, start, end, timezone });

describe('nextWindowOpening', () => {
  it.each([
    // name, window, now, startsAt, endsAt, inside
    ['Asia/Shanghai weekend window, asked on a Wednesday', w(['sat', 'sun'], '01:00', '05:00', 'Asia/Shanghai'), '2026-06-03T02:00:00Z', '2026-06-05T17:00:00.000Z', '2026-06-05T21:00:00.000Z', false],
    ['now inside a window: starts now, ends at the close', w(['wed'], '09:00', '12:00', 'Asia/Shanghai'), '2026-06-03T02:00:00Z', '2026-06-03T02:00:00.000Z', '2026-06-03T04:00:00.000Z', true],
    ['exactly at the opening counts as inside', w(['wed'], '10:00', '12:00', 'Asia/Shanghai'), '2026-06-03T02:00:00Z', '2026-06-03T02:00:00.000Z', '2026-06-03T04:00:00.000Z', true],
    ['exactly at the close is outside: next week', w(['wed'], '09:00', '12:00', 'Asia/Shanghai'), '2026-06-03T04:00:00Z', '2026-06-10T01:00:00.000Z', '2026-06-10T04:00:00.000Z', false],
    ['overnight 22:00–04:00 opened the previous day is still open', w(['tue'], '22:00', '04:00', 'Asia/Shanghai'), '2026-06-02T18:00:00Z', '2026-06-02T18:00:00.000Z', '2026-06-02T20:00:00.000Z', true],
    ['overnight window later today closes tomorrow', w(['wed'], '22:00', '04:00', 'Asia/Shanghai'), '2026-06-03T02:00:00Z', '2026-06-03T14:00:00.000Z', '2026-06-03T20:00:00.000Z', false],
    ['Sunday 23:00–01:00 runs into Monday', w(['sun'], '23:00', '01:00', 'UTC'), '2026-06-07T23:30:00Z', '2026-06-07T23:30:00.000Z', '2026-06-08T01:00:00.000Z', true],
    ['Sunday → Monday: a Monday window asked on Sunday', w(['mon'], '01:00', '02:00', 'UTC'), '2026-06-07T12:00:00Z', '2026-06-08T01:00:00.000Z', '2026-06-08T02:00:00.000Z', false],
    ['Sunday window asked on Monday after it closed: six days ahead', w(['sun'], '10:00', '12:00', 'UTC'), '2026-06-08T12:00:00Z', '2026-06-14T10:00:00.000Z', '2026-06-14T12:00:00.000Z', false],
    ['end equal to start is a 24-hour window', w(['mon'], '00:00', '00:00', 'UTC'), '2026-06-02T05:00:00Z', '2026-06-08T00:00:00.000Z', '2026-06-09T00:00:00.000Z', false],
    // America/New_York springs forward on Sunday 2026-03-08: 02:00 EST becomes 03:00 EDT (07:00Z).
    ['New York spring forward: 02:30 does not exist, opens at 03:00 EDT', w(['sun'], '02:30', '04:00', 'America/New_York'), '2026-03-07T12:00:00Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z', false],
    ['New York spring forward overnight 22:00–04:00 lasts 5 real hours', w(['sat'], '22:00', '04:00', 'America/New_York'), '2026-03-07T12:00:00Z', '2026-03-08T03:00:00.000Z', '2026-03-08T08:00:00.000Z', false],
    // Europe/London falls back on Sunday 2026-10-25: 02:00 BST becomes 01:00 GMT (01:00Z).
    ['London fall back: ambiguous 01:30 takes the first (BST) occurrence', w(['sun'], '01:30', '03:00', 'Europe/London'), '2026-10-24T12:00:00Z', '2026-10-25T00:30:00.000Z', '2026-10-25T03:00:00.000Z', false],
    ['London spring forward: 01:30 does not exist, opens at 02:00 BST', w(['sun'], '01:30', '03:00', 'Europe/London'), '2026-03-28T12:00:00Z', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z', false],
    // America/New_York falls back on Sunday 2026-11-01: 02:00 EDT becomes 01:00 EST (06:00Z).
    ['New York fall back: an ambiguous end takes its first occurrence', w(['sun'], '00:30', '01:30', 'America/New_York'), '2026-10-31T12:00:00Z', '2026-11-01T04:30:00.000Z', '2026-11-01T05:30:00.000Z', false],
  ])('%s', (_name, window, now, startsAt, endsAt, inside) => {
    const o = nextWindowOpening(window, new Date(now));
    expect({ startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString(), inside: o.inside }).toEqual({ startsAt, endsAt, inside });
  });

  it('measures a window in real elapsed time across a fall-back night', () => {
    // 00:00–04:00 local on the London fall-back night holds 5 real hours.
    const o = nextWindowOpening(w(['sun'], '00:00', '04:00', 'Europe/London'), new Date('2026-10-24T12:00:00Z'));
    expect((o.endsAt.getTime() - o.startsAt.getTime()) / 3_600_000).toBe(5);
  });

  it.each([
    ['no days', w([], '01:00', '05:00', 'UTC'), 'spec/empty-window'],
    ['a malformed time', w(['sat'], '1:00', '05:00', 'UTC'), 'spec/bad-time'],
    ['an unknown time zone', w(['sat'], '01:00', '05:00', 'Asia/Shangai'), 'spec/unknown-timezone'],
  ])('refuses a window with %s', (_name, window, code) => {
    expect(windowProblem(window)?.code).toBe(code);
    expect(() => nextWindowOpening(window, new Date('2026-06-03T02:00:00Z'))).toThrow(code);
  });
});

describe('nextWindowOpening properties (zones without DST)', () => {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const windowArb = fc.record({
    days: fc.uniqueArray(fc.constantFrom(...days), { minLength: 1, maxLength: 7 }),
    start: hhmm,
    end: hhmm,
    timezone: fc.constantFrom('UTC', 'Asia/Shanghai', 'Asia/Kolkata'),
  });
  const nowArb = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));

  it('opens at the declared local time on a declared day, no earlier than now, for the declared length', () => {
    fc.assert(
      fc.property(windowArb, nowArb, (window, now) => {
        const o = nextWindowOpening(window, now);
        const toMin = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
        const lengthMin = (toMin(window.end) - toMin(window.start) + 1440) % 1440 || 1440;
        expect(o.endsAt.getTime()).toBeGreaterThan(now.getTime());
        expect(o.startsAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(o.startsAt.getTime() - now.getTime()).toBeLessThan(8 * 86_400_000);
        if (o.inside) {
          expect(o.startsAt.getTime()).toBe(now.getTime());
          expect(o.endsAt.getTime() - now.getTime()).toBeLessThanOrEqual(lengthMin * 60_000);
        } else {
          expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(lengthMin * 60_000);
          const parts = new Intl.DateTimeFormat('en-US', { timeZone: window.timezone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit' }).formatToParts(o.startsAt);
          const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
          expect(`${get('hour')}:${get('minute')}`).toBe(window.start);
          expect(window.days).toContain(get('weekday').toLowerCase());
          // Nothing is open between now and startsAt: from any moment in between, the same opening is next.
          for (const t of [now.getTime(), Math.floor((now.getTime() + o.startsAt.getTime()) / 2), o.startsAt.getTime() - 1]) {
            const between = nextWindowOpening(window, new Date(t));
            expect(between.inside).toBe(false);
            expect(between.startsAt.getTime()).toBe(o.startsAt.getTime());
          }
        }
      }),
      { numRuns: 300, seed: 20260603 },
    );
  });
});
