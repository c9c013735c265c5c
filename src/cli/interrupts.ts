/**
 * Ctrl-C and SIGTERM for commands that change the cloud: the first stops new submissions (the
 * work sees its signal abort and reports what runs on), the second quits at once.
 */
import { setMaxListeners } from 'node:events';
import { write, type Io } from './output';

/** Runs `work` with a signal that the first Ctrl-C (or SIGTERM) aborts. */
export async function withInterrupts<T>(io: Io, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  // Every call in flight listens on this signal: with many instances that is legitimately more than
  // Node's default of 10 listeners, which would print a false "memory leak" warning to users.
  setMaxListeners(10_000, controller.signal);
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1) {
      write(io, 'stderr', '\nStopping: no new changes will be submitted; changes already running in the cloud keep running. Press Ctrl-C again to quit at once.\n');
      controller.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
