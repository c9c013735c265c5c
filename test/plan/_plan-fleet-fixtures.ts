/** Declarations and cloud states the planFleet tests share. */
import type { RebalanceWindow } from '../../src/spec/types';

export const SHANGHAI_WEEKEND: RebalanceWindow = { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' };
/** A Standard instance as the cloud reports it (edition conversion is a console step). */
export const STANDARD = { edition: 'standard', instanceType: 'standards2', bandwidthMBps: 100, diskGB: 1500, partitions: 100 } as const;
/** A Pro target above the default instance (test/support/builders.ts) on every axis. */
export const UPGRADE = { bandwidthMBps: 400, diskGB: 4000, partitions: 2000 } as const;
