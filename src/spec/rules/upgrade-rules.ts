/**
 * Rules over an upgrade block (an instance's own, or the fleet's defaults): time zones, window
 * times and `at` instants. Shape errors come from the schema; these check meaning.
 */
import { isValidTimeZone, parseInstant, parseWallTime, suggestTimeZone } from '../time';
import type { RebalancePolicy } from '../types';
import { error, warning, type RuleIssue } from './rule';

/** The window's time zone exists in the time zone database. */
export function windowTimeZoneKnown(rebalance: RebalancePolicy): RuleIssue[] {
  if (typeof rebalance !== 'object' || !('window' in rebalance)) return [];
  const zone = rebalance.window.timezone;
  if (isValidTimeZone(zone)) return [];
  const near = suggestTimeZone(zone);
  return [
    error(
      'spec/unknown-timezone',
      ['rebalance', 'window', 'timezone'],
      `time zone "${zone}" is not an IANA time zone name`,
      near !== undefined ? `did you mean ${near}?` : 'use a name such as Asia/Shanghai, Europe/Berlin or UTC (offsets like +08:00 are not zones)',
    ),
  ];
}

/** A window opens and closes at different times; 22:00–04:00 is an overnight window, 01:00–01:00 is empty. */
export function windowNotEmpty(rebalance: RebalancePolicy): RuleIssue[] {
  if (typeof rebalance !== 'object' || !('window' in rebalance)) return [];
  const { start, end } = rebalance.window;
  const s = parseWallTime(start);
  if (s === undefined || s !== parseWallTime(end)) return [];
  return [
    error('spec/empty-window', ['rebalance', 'window', 'end'], `the window opens and closes at ${start}, so it is never open`, 'give an end time different from the start; an end before the start closes the window the next day (e.g. 22:00–04:00)'),
  ];
}

/** An `at` time is an ISO-8601 instant with an offset, and (when the clock is known) not in the past. */
export function atInstantValid(rebalance: RebalancePolicy, now?: Date): RuleIssue[] {
  if (typeof rebalance !== 'object' || !('at' in rebalance)) return [];
  const at = parseInstant(rebalance.at);
  if (at === undefined)
    return [
      error(
        'spec/bad-at',
        ['rebalance', 'at'],
        `at "${rebalance.at}" is not an ISO-8601 time with an offset`,
        'write the date, time and offset, e.g. "2026-12-05T02:00:00+08:00" or "2026-12-04T18:00:00Z"',
      ),
    ];
  if (now !== undefined && at.getTime() <= now.getTime())
    return [atInPast(rebalance.at, now, 'warning')];
  return [];
}

/** The issue for an `at` time that has passed: a warning offline, an error when the instance changes. */
export function atInPast(at: string, now: Date, severity: 'error' | 'warning'): RuleIssue {
  const make = severity === 'error' ? error : warning;
  return make(
    'spec/at-in-past',
    ['rebalance', 'at'],
    `at ${at} is in the past (now is ${now.toISOString()})`,
    'set a future time, or rebalance: now to start when the plan is applied',
  );
}

/** Every rule over a rebalance policy, in the order issues are reported. */
export function checkRebalance(rebalance: RebalancePolicy, now?: Date): RuleIssue[] {
  return [...windowTimeZoneKnown(rebalance), ...windowNotEmpty(rebalance), ...atInstantValid(rebalance, now)];
}
