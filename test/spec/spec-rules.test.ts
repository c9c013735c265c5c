import {
  bandwidthAllowed,
  diskOnStep,
  diskWithinTier,
  partitionsOnStep,
  partitionsWithinTier,
  standardTypeMatches,
} from '../../src/spec/rules/spec-rules';
import type { InstanceDraft } from '../../src/spec/rules/rule';

const codes = (issues: ReturnType<typeof bandwidthAllowed>) => issues.map((i) => i.code);

describe('bandwidthAllowed', () => {
  it.each<[string, InstanceDraft, string[], RegExp?]>([
    ['Pro 20 (minimum) is valid', { edition: 'pro', bandwidthMBps: 20 }, [], undefined],
    ['Pro 1200 (top of the basic range) is valid', { edition: 'pro', bandwidthMBps: 1200 }, [], undefined],
    ['Pro 1600 (start of the high-performance range) is valid', { edition: 'pro', bandwidthMBps: 1600 }, [], undefined],
    ['Pro 100000 (maximum) is valid', { edition: 'pro', bandwidthMBps: 100000 }, [], undefined],
    ['warns when Pro 410 is off the 20 MB/s step (valid only as the running value)', { edition: 'pro', bandwidthMBps: 410 }, ['spec/off-step'], /use 400 or 420, unless the instance runs 410 MB\/s now/],
    ['warns when Pro 1300 falls between the ranges', { edition: 'pro', bandwidthMBps: 1300 }, ['spec/off-step'], /use 1200 or 1600/],
    ['warns when Pro 1700 is off the 200 MB/s step', { edition: 'pro', bandwidthMBps: 1700 }, ['spec/off-step'], /use 1600 or 1800/],
    ['fails when Pro 10 is below the minimum', { edition: 'pro', bandwidthMBps: 10 }, ['spec/below-minimum'], /use 20 or more/],
    ['fails when Pro 100200 is above the maximum', { edition: 'pro', bandwidthMBps: 100200 }, ['spec/above-maximum'], undefined],
    ['Advanced 360 is valid', { edition: 'advanced', bandwidthMBps: 360 }, [], undefined],
    ['fails when Advanced 400 is above its 360 maximum', { edition: 'advanced', bandwidthMBps: 400 }, ['spec/above-maximum'], /move to Pro/],
    ['warns when Advanced 30 is off step', { edition: 'advanced', bandwidthMBps: 30 }, ['spec/off-step'], /use 20 or 40/],
    ['leaves Standard to its own rule', { edition: 'standard', bandwidthMBps: 33 }, [], undefined],
    ['skips when the edition is unknown', { bandwidthMBps: 33 }, [], undefined],
  ])('%s', (_name, draft, expected, hint) => {
    const issues = bandwidthAllowed(draft);
    expect(codes(issues)).toEqual(expected);
    if (hint) expect(issues[0]?.hint).toMatch(hint);
    for (const i of issues) expect(i.at).toEqual(['bandwidthMBps']);
    // Off the step is a warning: a running instance may hold such a value (changeRules refuse a change to it).
    for (const i of issues) expect(i.severity).toBe(i.code === 'spec/off-step' ? 'warning' : 'error');
  });
});

describe('diskOnStep', () => {
  it.each<[string, InstanceDraft, string[], RegExp?]>([
    ['6000 is on step', { edition: 'pro', diskGB: 6000 }, [], undefined],
    ['warns when 6050 is off step, naming both neighbours', { edition: 'pro', diskGB: 6050 }, ['spec/off-step'], /use 6000 or 6100/],
    ['warns when 50 is off step (only 100 above)', { edition: 'pro', diskGB: 50 }, ['spec/off-step'], /^use 100, unless/],
    ['500000 is the maximum', { edition: 'pro', diskGB: 500000 }, [], undefined],
    ['fails above 500000', { edition: 'pro', diskGB: 500100 }, ['spec/above-maximum'], undefined],
  ])('%s', (_name, draft, expected, hint) => {
    const issues = diskOnStep(draft);
    expect(codes(issues)).toEqual(expected);
    if (hint) expect(issues[0]?.hint).toMatch(hint);
  });
});

describe('diskWithinTier', () => {
  it.each<[string, InstanceDraft, string[], undefined]>([
    ['20 MB/s needs 200 GB: 200 ok', { edition: 'pro', bandwidthMBps: 20, diskGB: 200 }, [], undefined],
    ['fails when 40 MB/s has 400 GB (needs 500)', { edition: 'pro', bandwidthMBps: 40, diskGB: 400 }, ['spec/disk-below-tier-minimum'], undefined],
    ['320 MB/s needs 3000 GB: 3000 ok', { edition: 'pro', bandwidthMBps: 320, diskGB: 3000 }, [], undefined],
    ['fails when 320 MB/s has 2900 GB', { edition: 'pro', bandwidthMBps: 320, diskGB: 2900 }, ['spec/disk-below-tier-minimum'], undefined],
    ['fails when 1600 MB/s has 9900 GB (needs 10000)', { edition: 'pro', bandwidthMBps: 1600, diskGB: 9900 }, ['spec/disk-below-tier-minimum'], undefined],
    ['1000 MB/s needs 7500 GB', { edition: 'pro', bandwidthMBps: 1000, diskGB: 7500 }, [], undefined],
  ])('%s', (_name, draft, expected) => {
    const issues = diskWithinTier(draft);
    expect(codes(issues)).toEqual(expected);
    if (expected.length) expect(issues[0]?.hint).toMatch(/diskGB: \d+ or more/);
  });
});

describe('partitionsOnStep', () => {
  it.each<[string, InstanceDraft, string[], undefined]>([
    ['2400 on step', { edition: 'pro', partitions: 2400 }, [], undefined],
    ['warns when 2450 is off step', { edition: 'pro', partitions: 2450 }, ['spec/off-step'], undefined],
    ['40000 is the maximum', { edition: 'pro', partitions: 40000 }, [], undefined],
    ['fails above 40000', { edition: 'pro', partitions: 40100 }, ['spec/above-maximum'], undefined],
  ])('%s', (_name, draft, expected) => {
    expect(codes(partitionsOnStep(draft))).toEqual(expected);
  });
});

describe('partitionsWithinTier', () => {
  it.each<[string, InstanceDraft, string[], undefined]>([
    ['400 MB/s includes 2000: 2000 ok', { edition: 'pro', bandwidthMBps: 400, partitions: 2000 }, [], undefined],
    ['fails when 400 MB/s has 1900', { edition: 'pro', bandwidthMBps: 400, partitions: 1900 }, ['spec/partitions-below-tier-minimum'], undefined],
    ['180 MB/s includes 1400', { edition: 'pro', bandwidthMBps: 180, partitions: 1400 }, [], undefined],
    ['fails when 3200 MB/s has 5900 (needs 6000)', { edition: 'pro', bandwidthMBps: 3200, partitions: 5900 }, ['spec/partitions-below-tier-minimum'], undefined],
    ['fails when 60 MB/s on Advanced has 800 (needs 900)', { edition: 'advanced', bandwidthMBps: 60, partitions: 800 }, ['spec/partitions-below-tier-minimum'], undefined],
  ])('%s', (_name, draft, expected) => {
    expect(codes(partitionsWithinTier(draft))).toEqual(expected);
  });
});

describe('standardTypeMatches', () => {
  it.each<[string, InstanceDraft, string[], undefined]>([
    ['the Small type: 40 MB/s, 500 GB, 60 partitions', { edition: 'standard', bandwidthMBps: 40, diskGB: 500, partitions: 60 }, [], undefined],
    ['fails when 60 MB/s is no Standard type', { edition: 'standard', bandwidthMBps: 60, diskGB: 500, partitions: 60 }, ['spec/standard-type-unknown'], undefined],
    ['fails when the disk is below the type range', { edition: 'standard', bandwidthMBps: 100, diskGB: 400, partitions: 100 }, ['spec/disk-below-tier-minimum'], undefined],
    ['fails when the disk is above the type range', { edition: 'standard', bandwidthMBps: 40, diskGB: 1100, partitions: 60 }, ['spec/above-maximum'], undefined],
    ['fails when partitions differ from the type', { edition: 'standard', bandwidthMBps: 150, diskGB: 3000, partitions: 200 }, ['spec/standard-type-unknown'], undefined],
    ['ignores other editions', { edition: 'pro', bandwidthMBps: 60, diskGB: 500, partitions: 60 }, [], undefined],
  ])('%s', (_name, draft, expected) => {
    expect(codes(standardTypeMatches(draft))).toEqual(expected);
  });
});
