/**
 * A process that holds the emulator state's lock and stalls, for `npm run attack` (B6: a writer
 * stalled past the lock's stale age while another command runs).
 *
 * Usage: node -r scripts/ts-register.js bench/lib/stall-holder.ts <statePath> <markerFile> <stallMs>
 * Inside its transaction: writes <markerFile>, blocks <stallMs> without yielding, then sets
 * `faults.seed` to 777 in the state it writes back.
 */
import { writeFileSync } from 'node:fs';
import { createEmulator } from '../../src/cloud/emulator';

export const STALL_MARK_SEED = 777;

async function main(): Promise<void> {
  const [statePath, marker, stallMs] = process.argv.slice(2);
  if (statePath === undefined || marker === undefined) throw new Error('usage: stall-holder.ts <statePath> <markerFile> <stallMs>');
  const em = createEmulator({ statePath });
  await em.update((s) => {
    writeFileSync(marker, String(process.pid));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(stallMs));
    s.faults.seed = STALL_MARK_SEED;
  });
  await em.close();
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
