/**
 * DescribeRegion on the emulator: the one region it holds, in the shape of the documented example
 * (TencentCloud/tencentcloud-cli, tccli/examples/ckafka/v20190819/DescribeRegion.md), which is how
 * `ckafka status --endpoint` learns an emulator's region.
 */
import { createSeedState, runWireAction } from '../../../src/cloud/emulator';

// The example's one entry, verbatim (its RequestId aside).
const TCCLI_EXAMPLE = { AreaName: '华南地区', Ipv6: 0, MultiZone: 1, RegionCode: 'gz', RegionCodeV3: 'ap-guangzhou', RegionId: 1, RegionName: '广州' };

const ctx = (region: string) => ({ now: new Date('2026-03-02T02:00:00Z'), requestId: 'req-1', region });

describe('DescribeRegion', () => {
  it('lists the state\u2019s region with the fields of the documented example', () => {
    const out = runWireAction(createSeedState(), ctx('ap-guangzhou'), 'DescribeRegion', {}) as { Result: Array<Record<string, unknown>> };
    expect(out.Result).toEqual([expect.objectContaining(TCCLI_EXAMPLE)]);
  });

  it('answers the same whatever region the call is made in', () => {
    const state = createSeedState({ region: 'ap-shanghai' });
    for (const region of ['ap-guangzhou', 'ap-shanghai', 'eu-frankfurt'])
      expect((runWireAction(state, ctx(region), 'DescribeRegion', { Business: 'ckafka' }) as { Result: Array<{ RegionCodeV3: string }> }).Result.map((r) => r.RegionCodeV3)).toEqual(['ap-shanghai']);
  });

  it('checks its parameters like every action', () => {
    expect(() => runWireAction(createSeedState(), ctx('ap-guangzhou'), 'DescribeRegion', { Region: 'x' })).toThrow(expect.objectContaining({ code: 'UnknownParameter' }));
  });
});
