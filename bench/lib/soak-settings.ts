/** The soak's command line: how many runs, how long, the seed, the fleet size, the emulator clock, the CLI's write settle. */
import { parseArgs } from 'node:util';

/** One soak's settings, from its arguments (`--quick` sets smaller defaults). */
export interface SoakSettings {
  readonly runs: number;
  readonly maxMs: number;
  readonly seed: number;
  readonly instances: number;
  readonly speed: number;
  readonly keep: boolean;
  readonly writeSettleMs: number | undefined;
}

/** Reads the soak's arguments; throws on an unknown option or a value that is not a positive number. */
export function readSoakSettings(argv: readonly string[]): SoakSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      minutes: { type: 'string' },
      seed: { type: 'string' },
      instances: { type: 'string' },
      speed: { type: 'string' },
      keep: { type: 'boolean' },
      'write-settle-ms': { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick === true;
  const num = (name: string, v: string | undefined, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} takes a positive number, got ${v}`);
    return n;
  };
  return {
    runs: Math.floor(num('runs', values.runs, quick ? 12 : 40)),
    maxMs: num('minutes', values.minutes, quick ? 2.2 : 20) * 60_000,
    seed: Math.floor(num('seed', values.seed, (Date.now() % 2 ** 31) + 1)),
    instances: Math.floor(num('instances', values.instances, 8)),
    speed: num('speed', values.speed, 3000),
    keep: values.keep === true,
    writeSettleMs: values['write-settle-ms'] !== undefined ? Math.floor(num('write-settle-ms', values['write-settle-ms'], 0)) : quick ? 250 : undefined,
  };
}
