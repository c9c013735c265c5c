/** The action DescribeRegion: its request parameters and its handler. */
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';

/** DescribeRegion's RegionId, RegionName, AreaName and RegionCode of the regions the seed knows. */
const REGIONS: Readonly<Record<string, readonly [number, string, string, string]>> = {
  'ap-guangzhou': [1, '广州', '华南地区', 'gz'],
  'ap-shanghai': [4, '上海', '华东地区', 'sh'],
  'ap-beijing': [8, '北京', '华北地区', 'bj'],
};

/** The parameters of DescribeRegion (its Request interface in ckafka_models.d.ts). */
const PARAMS = { Offset: { type: 'integer' }, Limit: { type: 'integer' }, Business: { type: 'string' }, CdcId: { type: 'string' } } as const satisfies ParamSpec;

/**
 * The regions CKafka is sold in. Fields as in the tccli example (TencentCloud/tencentcloud-cli,
 * tccli/examples/ckafka/v20190819/DescribeRegion.md: RegionCodeV3 "ap-guangzhou", RegionCode
 * "gz", RegionId 1, 广州, 华南地区). The emulator holds one region, so it lists that one, whatever
 * region the call is made in: a client that knows only the endpoint learns the region from it.
 */
export const describeRegion = defineWireAction(PARAMS, { write: false }, (state, _ctx, _p) => {
  const known = REGIONS[state.region];
  return {
    Result: [
      {
        RegionId: known?.[0] ?? 0,
        RegionName: known?.[1] ?? state.region,
        AreaName: known?.[2] ?? '',
        RegionCode: known?.[3] ?? state.region,
        RegionCodeV3: state.region,
        Support: 'profession,premium',
        Ipv6: 0,
        MultiZone: 1,
      },
    ],
  };
});
