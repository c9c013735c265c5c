/**
 * Every child process a bench or soak run starts is registered here, so that an error, Ctrl-C or
 * SIGTERM ends them all (by their own pid, never by name) before the run exits.
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let installed = false;

function killAll(signal: NodeJS.Signals): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }
}

/** Tracks `child` until it exits. */
export function registerChild(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!installed) {
    installed = true;
    process.once('exit', () => killAll('SIGKILL'));
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => {
        process.stderr.write(`\n${sig}: stopping child processes\n`);
        killAll('SIGTERM');
        process.exitCode = 130;
        // Give children a moment to close their servers, then leave whatever happens.
        setTimeout(() => {
          killAll('SIGKILL');
          process.exit(130);
        }, 1500).unref();
      });
    }
  }
  return child;
}

/** Children still running. */
export function liveChildren(): number {
  return live.size;
}
