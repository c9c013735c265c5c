import { atInstantValid, windowNotEmpty, windowTimeZoneKnown } from '../../src/spec/rules/upgrade-rules';
import type { RebalancePolicy } from '../../src/spec/types';

const win = (over: Partial<{ days: string[]; start: string; end: string; timezone: string }>): RebalancePolicy =>
  ({ window: { days: ['sat'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai', ...over } }) as RebalancePolicy;

describe('windowTimeZoneKnown', () => {
  it.each<[string, RebalancePolicy, string[], RegExp?]>([
    ['Asia/Shanghai is known', win({}), [], undefined],
    ['UTC is known', win({ timezone: 'UTC' }), [], undefined],
    ['America/New_York is known', win({ timezone: 'America/New_York' }), [], undefined],
    ['fails on a misspelt zone, suggesting the right one', win({ timezone: 'Asia/Shangai' }), ['spec/unknown-timezone'], /Asia\/Shanghai/],
    ['fails on an offset, which is not a zone', win({ timezone: '+08:00' }), ['spec/unknown-timezone'], /offsets/],
    ['fails on an invented zone', win({ timezone: 'Mars/Olympus_Mons' }), ['spec/unknown-timezone'], undefined],
    ['ignores now', 'now', [], undefined],
  ])('%s', (_n, policy, expected, hint) => {
    const issues = windowTimeZoneKnown(policy);
    expect(issues.map((i) => i.code)).toEqual(expected);
    if (hint) expect(issues[0]?.hint).toMatch(hint);
  });
});

describe('windowNotEmpty', () => {
  it.each<[string, RebalancePolicy, string[], undefined]>([
    ['01:00–05:00 is a window', win({}), [], undefined],
    ['22:00–04:00 is an overnight window, valid', win({ start: '22:00', end: '04:00' }), [], undefined],
    ['00:00–23:59 is valid', win({ start: '00:00', end: '23:59' }), [], undefined],
    ['fails when start equals end', win({ start: '01:00', end: '01:00' }), ['spec/empty-window'], undefined],
  ])('%s', (_n, policy, expected) => {
    expect(windowNotEmpty(policy).map((i) => i.code)).toEqual(expected);
  });
});

describe('atInstantValid', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it.each<[string, string, string[], 'error' | 'warning' | undefined]>([
    ['a future instant with an offset', '2026-12-05T02:00:00+08:00', [], undefined],
    ['a future instant in UTC', '2026-12-05T02:00Z', [], undefined],
    ['fails without an offset', '2026-12-05T02:00:00', ['spec/bad-at'], 'error'],
    ['fails with a space instead of T', '2026-12-05 02:00:00+08:00', ['spec/bad-at'], 'error'],
    ['fails on an impossible date', '2026-02-30T02:00:00Z', ['spec/bad-at'], 'error'],
    ['fails on a date only', '2026-12-05', ['spec/bad-at'], 'error'],
    ['warns when already past', '2026-11-23T11:59:00Z', ['spec/at-in-past'], 'warning'],
    ['warns when exactly now', '2026-11-23T12:00:00Z', ['spec/at-in-past'], 'warning'],
  ])('%s', (_n, at, expected, severity) => {
    const issues = atInstantValid({ at }, now);
    expect(issues.map((i) => i.code)).toEqual(expected);
    if (severity) expect(issues[0]?.severity).toBe(severity);
  });

  it('does not judge the past without a clock', () => {
    expect(atInstantValid({ at: '2000-01-01T00:00:00Z' })).toEqual([]);
  });
});
