/** The action DescribeCkafkaZone: its request parameters and its handler. */
import { CATALOG } from '../../../spec/catalog';
import type { ParamSpec } from '../_wire-params';
import { defineWireAction } from './wire-action';
import { professionConfig, standardS2Config } from './zone-json';

/** The platforms and Kafka versions each zone lists in `SalesInfo`. */
const SALES_VERSIONS: ReadonlyArray<readonly [string, string]> = [
  ['standard', '1.1.1'],
  ['profession', '2.4.1'],
  ['profession', '2.8.1'],
  ['profession', '3.2.3'],
  ['premium', '2.4.1'],
  ['premium', '2.8.1'],
  ['premium', '3.2.3'],
];

/** The parameters of DescribeCkafkaZone (its Request interface in ckafka_models.d.ts). */
const PARAMS = { CdcId: { type: 'string' } } as const satisfies ParamSpec;

/** The region's zones with their stock, and what each edition sells there. */
export const describeCkafkaZone = defineWireAction(PARAMS, { write: false }, (state, ctx, _p) => {
  const zones = state.region === ctx.region ? state.zones : [];
  return {
    Result: {
      ZoneList: zones.map((z) => ({
        ZoneId: String(z.zoneId),
        IsInternalApp: 0,
        AppId: 1300000000,
        Flag: z.soldOut,
        ZoneName: z.name,
        // 3 open, 4 closed; the API says SoldOut is what counts.
        ZoneStatus: z.soldOut ? 4 : 3,
        SoldOut: z.soldOut ? 'true' : 'false',
        SalesInfo: SALES_VERSIONS.map(([platform, version]) => ({
          Flag: false,
          Version: version,
          Platform: platform,
          // Standard has not been sold since March 2024.
          SoldOut: platform === 'standard' ? true : z.soldOut,
        })),
        ExtraFlag: '0',
      })),
      MaxBuyInstanceNum: 20,
      MaxBandwidth: CATALOG.pro.bandwidth[0]?.max ?? 0,
      UnitPrice: { RealTotalCost: 0, TotalCost: 0 },
      MessagePrice: { RealTotalCost: 0, TotalCost: 0 },
      ClusterInfo: [],
      Standard: '',
      StandardS2: standardS2Config(),
      Profession: professionConfig(),
      Physical: '',
      PublicNetwork: JSON.stringify([{ Maximum: 198, Minimal: 3, step: 3 }]),
      PublicNetworkLimit: JSON.stringify({ Maximum: 999, Minimal: 198, step: 3 }),
      RequestId: null,
      Offset: null,
      Limit: null,
      ForceCheckTag: false,
    },
  };
});
