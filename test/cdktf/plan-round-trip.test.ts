/**
 * The round trip the cdktf adapter promises: construct props → synthesized stack → readCdktfOut →
 * the same desired fleet as the equivalent fleet file → the same plan, byte for byte.
 */
import { CkafkaInstance, readCdktfOut } from '../../src/cdktf';
import { parseFleet } from '../../src/spec/parse-fleet';
import type { DesiredFleet } from '../../src/spec/types';
import { aStack, planAgainstSeed, removeTempDirs, tempApp, WEEKEND_SHANGHAI } from './_fixtures';

afterAll(removeTempDirs);

// The same declaration as a fleet file. cdktf writes a stack's resources in the alphabetical order
// of their construct ids, so the synthesized (and planned) order is clickstream, then orders.
const FLEET_YAML = `
region: ap-guangzhou
instances:
  - name: cdktf-clickstream
    edition: pro
    bandwidthMBps: 240
    diskGB: 2000
    partitions: 1600
    upgrade: { rebalance: now, mode: high-speed }
  - name: cdktf-orders
    edition: pro
    bandwidthMBps: 400
    diskGB: 6000
    partitions: 2400
    upgrade:
      rebalance: { window: { days: [sat, sun], start: "01:00", end: "05:00", timezone: Asia/Shanghai } }
      mode: stable
`;

function withoutSources(fleet: DesiredFleet | undefined): unknown {
  return fleet?.instances.map(({ source: _source, ...rest }) => rest);
}

describe('cdktf → plan round trip', () => {
  it('gives the same desired fleet and the same plan as the fleet file', async () => {
    const app = tempApp();
    const stack = aStack(app, 'kafka');
    const network = { zoneId: 100003, vpcId: 'vpc-12345678', subnetId: 'subnet-12345678' };
    new CkafkaInstance(stack, 'orders', { name: 'cdktf-orders', edition: 'pro', bandwidthMBps: 400, diskGB: 6000, partitions: 2400, upgrade: { rebalance: WEEKEND_SHANGHAI, mode: 'stable' }, ...network });
    new CkafkaInstance(stack, 'clickstream', { name: 'cdktf-clickstream', edition: 'pro', bandwidthMBps: 240, diskGB: 2000, partitions: 1600, upgrade: { rebalance: 'now', mode: 'high-speed' }, ...network, chargeType: 'POSTPAID_BY_HOUR' });
    app.synth();

    const fromCdktf = readCdktfOut(app.outdir);
    const fromFile = parseFleet(FLEET_YAML, { file: 'ckafka.yaml' });
    expect(fromCdktf.issues).toEqual([]);
    expect(fromFile.issues).toEqual([]);
    expect(withoutSources(fromCdktf.value)).toEqual(withoutSources(fromFile.value));
    expect(fromCdktf.value?.region).toBe(fromFile.value?.region);

    const [viaCdktf, viaFile] = [await planAgainstSeed(fromCdktf.value as DesiredFleet), await planAgainstSeed(fromFile.value as DesiredFleet)];
    expect(viaCdktf).toBe(viaFile);
    // And the plan is a real one: the seed's cdktf-orders must migrate to reach 400 MB/s, in the window.
    const plan = JSON.parse(viaCdktf);
    expect(plan.instances.map((i: { name: string; action: string }) => [i.name, i.action])).toEqual([
      ['cdktf-clickstream', 'upgrade'],
      ['cdktf-orders', 'upgrade'],
    ]);
    expect(plan.instances[1].migration.required).toBe(true);
    expect(plan.instances[1].schedule.kind).toBe('window');
    expect(plan.instances[0].steps[0]).toMatchObject({ kind: 'change-spec', mode: 'high-speed' });
  });
});
