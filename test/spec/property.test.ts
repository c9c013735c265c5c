import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseFleet } from '../../src/spec/parse-fleet';
import { validateFleet } from '../../src/spec/validate';

// Values close to a real fleet document, so the generator reaches the deep paths, mixed with junk.
const scalar = fc.oneof(fc.integer({ min: -10, max: 200000 }), fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.constantFrom('pro', 'advanced', 'standard', 'now', 'stable', 'high-speed', 'sat', '01:00', 'Asia/Shanghai', 'ckafka-abc12345'));
const window = fc.record({ days: fc.array(fc.constantFrom('mon', 'sat', 'sun', 'xyz')), start: fc.constantFrom('01:00', '25:00', '22:00'), end: fc.constantFrom('05:00', '04:00', '1'), timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'Nope/Zone') }, { requiredKeys: [] });
const rebalance = fc.oneof(fc.constant('now'), fc.record({ at: fc.oneof(fc.string(), fc.constant('2026-12-05T02:00:00Z')) }), fc.record({ window }), scalar);
const instance = fc.record(
  {
    name: fc.oneof(fc.string(), scalar),
    instanceId: fc.oneof(fc.constant('ckafka-abc12345'), scalar),
    edition: fc.oneof(fc.constantFrom('pro', 'advanced', 'standard'), scalar),
    bandwidthMBps: fc.oneof(fc.integer({ min: 0, max: 120000 }), scalar),
    diskGB: fc.oneof(fc.integer({ min: 0, max: 600000 }), scalar),
    partitions: fc.oneof(fc.integer({ min: 0, max: 50000 }), scalar),
    upgrade: fc.oneof(fc.record({ rebalance, mode: fc.oneof(fc.constantFrom('stable', 'high-speed'), scalar) }, { requiredKeys: [] }), scalar),
    allowScaleDown: fc.oneof(fc.boolean(), scalar),
    extra: scalar,
  },
  { requiredKeys: [] },
);
const fleet = fc.oneof(
  fc.record({ region: fc.oneof(fc.constant('ap-guangzhou'), scalar), defaults: fc.oneof(fc.record({ upgrade: fc.record({ rebalance }, { requiredKeys: [] }) }), scalar), instances: fc.oneof(fc.array(instance, { maxLength: 4 }), scalar) }, { requiredKeys: [] }),
  fc.anything(),
);

describe('fleet parsing never crashes, and every rejection says what and where', () => {
  it('validateFleet on random documents', () => {
    fc.assert(
      fc.property(fleet, (doc) => {
        const r = validateFleet(doc, { now: new Date('2026-11-23T00:00:00Z') });
        // Every issue has a spec/fleet code, a path and a message: the ones that lack any are listed.
        expect(r.issues.filter((issue) => !/^(spec|fleet)\//.test(issue.code) || typeof issue.path !== 'string' || issue.message.length === 0)).toEqual([]);
        const errors = r.issues.filter((i) => i.severity === 'error');
        // A value exactly when there is no error; and a rejected document always says why.
        expect(r.value === undefined).toBe(errors.length > 0);
        if (r.value === undefined) expect(errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('parseFleet on random text and on random documents rendered as YAML', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fleet.map((d) => stringify(d) ?? '')), (text) => {
        const r = parseFleet(text, { file: 'f.yaml' });
        expect(r.issues.filter((issue) => !/^(spec|fleet)\//.test(issue.code) || issue.file !== 'f.yaml')).toEqual([]);
        if (r.value === undefined) expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
