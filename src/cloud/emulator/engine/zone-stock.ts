/** Disk stock of the zones, checked and taken for new brokers (a finished migration and a deletion give it back: advance-state.ts). */
import { ApiError } from '../api-error';
import type { EmulatorState } from '../state-schema';

/**
 * Refuses new brokers in a zone that is sold out or short of disk, with `code`: the spec-change
 * actions list neither ResourcesSoldOut nor ResourceInsufficient (their Go SDK error lists), so
 * they answer FailedOperation; CreateInstancePre lists ResourceInsufficient.
 */
export function checkZoneStock(state: EmulatorState, zoneId: number, needGB: number, code: 'FailedOperation' | 'ResourceInsufficient' = 'FailedOperation'): void {
  const zone = state.zones.find((z) => z.zoneId === zoneId);
  if (zone === undefined) return;
  if (zone.soldOut) throw new ApiError(code, `zone ${zone.name} (${zone.zoneId}) is sold out; no new brokers can be created there`);
  if (zone.diskStockGB < needGB) {
    throw new ApiError(
      code,
      `zone ${zone.name} (${zone.zoneId}) has ${zone.diskStockGB} GB of disk stock, the new brokers need ${needGB} GB; try a smaller disk, later, or open a ticket`,
    );
  }
}

/** Takes `gb` of disk stock from a zone (not below 0). */
export function reserveZoneStock(state: EmulatorState, zoneId: number, gb: number): void {
  const zone = state.zones.find((z) => z.zoneId === zoneId);
  if (zone !== undefined) zone.diskStockGB = Math.max(0, zone.diskStockGB - gb);
}
