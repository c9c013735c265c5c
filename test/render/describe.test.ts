import { describeCost } from '../../src/render/describe-cost';
import { describeMigration } from '../../src/render/describe-migration';
import { describeSchedule } from '../../src/render/describe-schedule';
import { toZoned } from '../../src/render/zoned-time';
import { WEEKEND_WINDOW } from './fixtures';

describe('toZoned', () => {
  it.each([
    ['2026-11-27T17:00:00.000Z', 'Asia/Shanghai', { weekday: 'Sat', date: '2026-11-28', time: '01:00', offset: '+08:00' }],
    ['2026-11-27T17:00:00.000Z', 'Asia/Kolkata', { weekday: 'Fri', date: '2026-11-27', time: '22:30', offset: '+05:30' }],
    // Either side of the 2026 end of US daylight saving time (1 November).
    ['2026-10-31T12:00:00.000Z', 'America/New_York', { weekday: 'Sat', date: '2026-10-31', time: '08:00', offset: '-04:00' }],
    ['2026-11-02T12:00:00.000Z', 'America/New_York', { weekday: 'Mon', date: '2026-11-02', time: '07:00', offset: '-05:00' }],
    ['2026-11-27T17:00:00.000Z', 'UTC', { weekday: 'Fri', date: '2026-11-27', time: '17:00', offset: '+00:00' }],
  ])('%s in %s', (iso, zone, expected) => {
    expect(toZoned(iso, zone)).toEqual(expected);
  });

  it('gives up on an unknown zone or an unreadable time', () => {
    expect(toZoned('2026-11-27T17:00:00.000Z', 'Mars/Olympus')).toBeUndefined();
    expect(toZoned('not a time', 'UTC')).toBeUndefined();
  });
});

describe('describeSchedule', () => {
  it('shows an overnight window closing the next day', () => {
    const words = describeSchedule({
      kind: 'window',
      startsAt: '2026-11-28T14:00:00.000Z',
      endsAt: '2026-11-28T20:00:00.000Z',
      window: { days: ['sat'], start: '22:00', end: '04:00', timezone: 'Asia/Shanghai' },
      note: '',
    });
    expect(words.headline).toBe('next window opens Sat 2026-11-28 22:00 Asia/Shanghai (closes Sun 04:00)');
    expect(words.utc).toBe('Sat 2026-11-28 14:00–20:00 UTC');
    expect(words.window).toBe('Sat 22:00–04:00 (closes the next day) Asia/Shanghai');
  });

  it('falls back to UTC, once, for an unknown zone', () => {
    const words = describeSchedule({
      kind: 'window',
      startsAt: '2026-11-27T17:00:00.000Z',
      endsAt: '2026-11-27T22:00:00.000Z',
      window: { ...WEEKEND_WINDOW, timezone: 'Mars/Olympus' },
      note: '',
      pendingAt: '2026-11-28T18:00:00.000Z',
    });
    expect(words.headline).toBe('next window opens Fri 2026-11-27 17:00–22:00 UTC (time zone Mars/Olympus unknown)');
    expect(words.utc).toBeUndefined();
    expect(words.pending).toBe('a task is already scheduled in the cloud for 2026-11-28 18:00 UTC');
  });

  it('shows a pending cloud task in the window zone and in UTC', () => {
    const words = describeSchedule({ kind: 'window', startsAt: null, window: WEEKEND_WINDOW, note: '', pendingAt: '2026-11-28T18:00:00.000Z' });
    expect(words.headline).toBe('no window opening found');
    expect(words.pending).toBe('a task is already scheduled in the cloud for Sun 2026-11-29 02:00 Asia/Shanghai (2026-11-28 18:00 UTC)');
  });

  it('says "now" and "not before" in UTC', () => {
    expect(describeSchedule({ kind: 'now', startsAt: '2026-11-24T02:00:00.000Z', note: '' }).headline).toBe('now (when apply runs)');
    expect(describeSchedule({ kind: 'at', startsAt: '2026-12-04T18:00:00.000Z', note: '' }).headline).toBe('not before 2026-12-04 18:00 UTC');
  });
});

describe('describeMigration', () => {
  it('labels the mode of a prepaid change as assumed', () => {
    const words = describeMigration({ required: true, estimatedSeconds: 16620, mode: 'stable', modeSelectable: false, basis: 'b' });
    expect(words).toMatchObject({ headline: 'data migrates', estimate: '~4h 37m (estimate)', assumed: "assumed: prepaid instances take the cloud's default" });
    expect(words.short).toBe('yes, stable (assumed)');
  });

  it('says when the duration or the migration itself is unknown', () => {
    expect(describeMigration({ required: true, estimatedSeconds: null, mode: 'high-speed', modeSelectable: true, basis: '' }).estimate).toBe('duration unknown');
    expect(describeMigration({ required: null, estimatedSeconds: null, mode: null, modeSelectable: false, basis: '' }).short).toBe('unknown');
  });
});

describe('describeCost', () => {
  it('says unknown rather than zero when there is no price', () => {
    expect(describeCost(null).short).toBe('unknown');
    const words = describeCost({ currency: 'CNY', source: 'list-price', currentMonthly: null, targetMonthly: 4311, monthlyDelta: null });
    expect(words.headline).toBe('monthly change unknown (list price)');
    expect(words.range).toBeUndefined();
  });
});
