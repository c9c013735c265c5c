import { validateFleet, validateInstanceSpec } from '../../src/spec/validate';

const base = { name: 'orders', instanceId: 'ckafka-abc12345', edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400 };
const summarise = (issues: readonly { code: string; path: string }[]) => issues.map((i) => `${i.code}@${i.path}`);

describe('validateInstanceSpec: shape errors in the user\'s terms', () => {
  it.each<[string, Record<string, unknown>, string[], RegExp]>([
    ['a missing field, with what it is', { ...base, diskGB: undefined }, ['spec/missing-field@diskGB'], /add diskGB: Disk capacity in GB/],
    ['a number written as a string', { ...base, bandwidthMBps: '400' }, ['spec/invalid-type@bandwidthMBps'], /write 400 without quotes/],
    ['a decimal where an integer is needed', { ...base, bandwidthMBps: 400.5 }, ['spec/invalid-type@bandwidthMBps'], /use 400 or 401/],
    ['a decimal disk: the hint names valid steps', { ...base, diskGB: 6000.5 }, ['spec/invalid-type@diskGB'], /use 6000 or 6100/],
    ['a misspelt key, with the right one', { ...base, bandwith: 400 }, ['spec/unknown-key@bandwith'], /did you mean `bandwidthMBps`/],
    ['the API name of an edition', { ...base, edition: 'profession' }, ['spec/unknown-edition@edition'], /write edition: pro/],
    ['a misspelt edition', { ...base, edition: 'porr' }, ['spec/unknown-edition@edition'], /pro/],
    ['a misspelt mode', { ...base, upgrade: { mode: 'highspeed' } }, ['spec/invalid-value@upgrade.mode'], /did you mean high-speed/],
    ['a rebalance that is neither now, at nor window', { ...base, upgrade: { rebalance: 'tonight' } }, ['spec/invalid-value@upgrade.rebalance'], /rebalance: now/],
    ['a date string where {at} was meant', { ...base, upgrade: { rebalance: '2026-12-05T02:00:00Z' } }, ['spec/invalid-value@upgrade.rebalance'], /rebalance: \{ at: "2026-12-05T02:00:00Z" \}/],
    ['errors inside a window are reported at their place', { ...base, upgrade: { rebalance: { window: { days: ['saturday'], start: '1:00', end: '05:00', timezone: 'UTC' } } } }, ['spec/invalid-value@upgrade.rebalance.window.days[0]', 'spec/bad-time@upgrade.rebalance.window.start'], /sat|two digits/],
    ['a bad instance id', { ...base, instanceId: 'abc12345' }, ['spec/bad-instance-id@instanceId'], /ckafka-abc12345/],
    ['a negative disk', { ...base, diskGB: -100 }, ['spec/below-minimum@diskGB'], /./],
  ])('%s', (_n, input, expected, hint) => {
    const r = validateInstanceSpec(input);
    expect(summarise(r.issues)).toEqual(expected);
    expect(r.issues.map((i) => i.hint ?? '').join(' | ')).toMatch(hint);
    expect(r.value).toBeUndefined();
  });

  it('reports value errors beside shape errors, so one run shows everything', () => {
    const r = validateInstanceSpec({ ...base, bandwidthMBps: 410, colour: 'red' });
    expect(summarise(r.issues)).toEqual(['spec/unknown-key@colour', 'spec/off-step@bandwidthMBps']);
  });

  it('prefixes paths, for construct paths and fleet entries', () => {
    const r = validateInstanceSpec({ ...base, diskGB: 6050 }, { path: 'Stack/orders', file: 'cdk.tf.json' });
    expect(r.issues[0]).toMatchObject({ path: 'Stack/orders.diskGB', file: 'cdk.tf.json', code: 'spec/off-step' });
  });

  it.each([null, 42, 'orders', [], true])('does not throw on %p and says what was expected', (input) => {
    const r = validateInstanceSpec(input);
    expect(r.value).toBeUndefined();
    expect(r.issues[0]?.code).toBe('spec/invalid-type');
    expect(r.issues[0]?.message).toMatch(/must be a mapping/);
  });
});

describe('validateInstanceSpec: resolution', () => {
  it('applies the built-in defaults: rebalance now, stable, no scale-down', () => {
    const r = validateInstanceSpec(base);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ ...base, edition: 'pro', upgrade: { rebalance: 'now', mode: 'stable' }, allowScaleDown: false, source: { path: '' } });
  });

  it('takes given defaults key by key, the instance winning', () => {
    const window = { days: ['sat', 'sun'] as ('sat' | 'sun')[], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' };
    const r = validateInstanceSpec({ ...base, upgrade: { mode: 'high-speed' } }, { defaults: { upgrade: { rebalance: { window }, mode: 'stable' }, allowScaleDown: true } });
    expect(r.value?.upgrade).toEqual({ rebalance: { window }, mode: 'high-speed' });
    expect(r.value?.allowScaleDown).toBe(true);
  });

  it('omits instanceId when absent (the instance is then found by name)', () => {
    const { instanceId: _drop, ...noId } = base;
    const r = validateInstanceSpec(noId);
    expect(r.value).toBeDefined();
    expect(r.value && 'instanceId' in r.value).toBe(false);
  });

  it('keeps warnings with a value: an at time in the past is a warning offline', () => {
    const r = validateInstanceSpec({ ...base, upgrade: { rebalance: { at: '2026-01-01T00:00:00Z' } } }, { now: new Date('2026-11-23T00:00:00Z') });
    expect(r.value).toBeDefined();
    expect(summarise(r.issues)).toEqual(['spec/at-in-past@upgrade.rebalance.at']);
  });
});

describe('validateFleet', () => {
  const fleet = (over: Record<string, unknown> = {}) => ({ region: 'ap-guangzhou', instances: [base], ...over });

  it('resolves a valid fleet', () => {
    const r = validateFleet(fleet({ defaults: { upgrade: { mode: 'high-speed' } } }), { file: 'ckafka.yaml' });
    expect(r.issues).toEqual([]);
    expect(r.value?.region).toBe('ap-guangzhou');
    expect(r.value?.instances[0]).toMatchObject({ name: 'orders', upgrade: { rebalance: 'now', mode: 'high-speed' }, source: { file: 'ckafka.yaml', path: 'instances[0]' } });
  });

  it.each<[string, unknown, string[]]>([
    ['a list instead of a mapping', [base], ['spec/invalid-type@']],
    ['no instances key', { region: 'ap-guangzhou' }, ['spec/missing-field@instances']],
    ['an unknown top-level key, with a suggestion', fleet({ instance: [] }), ['spec/unknown-key@instance']],
    ['a bad region', fleet({ region: 'Guangzhou' }), ['spec/bad-region@region']],
    ['an error in defaults is reported once, at defaults', fleet({ defaults: { upgrade: { rebalance: { window: { days: ['sat'], start: '01:00', end: '05:00', timezone: 'Nowhere/City' } } } }, instances: [base, { ...base, name: 'b', instanceId: 'ckafka-bbbbbbbb' }] }), ['spec/unknown-timezone@defaults.upgrade.rebalance.window.timezone']],
    ['duplicate names and ids', fleet({ instances: [base, base] }), ['spec/duplicate-name@instances[1].name', 'spec/duplicate-instance-id@instances[1].instanceId']],
    ['errors in several instances at once', fleet({ instances: [{ ...base, diskGB: 1 }, { ...base, name: 'b', instanceId: 'ckafka-bbbbbbbb', partitions: 10 }] }), ['spec/off-step@instances[0].diskGB', 'spec/disk-below-tier-minimum@instances[0].diskGB', 'spec/off-step@instances[1].partitions', 'spec/partitions-below-tier-minimum@instances[1].partitions']],
  ])('fails on %s', (_n, doc, expected) => {
    const r = validateFleet(doc);
    expect(summarise(r.issues)).toEqual(expected);
    expect(r.value).toBeUndefined();
  });

  it('accepts $schema for editors', () => {
    expect(validateFleet(fleet({ $schema: './node_modules/ckafka-iac/schema/fleet.schema.json' })).issues).toEqual([]);
  });

  it('warns on an empty fleet but still resolves it', () => {
    const r = validateFleet({ instances: [] });
    expect(summarise(r.issues)).toEqual(['fleet/empty@instances']);
    expect(r.value).toEqual({ instances: [] });
  });
});
