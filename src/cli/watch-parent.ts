/**
 * Noticing that the process which started this one is gone. `npx ckafka emulator serve &` then
 * `kill $!` signals npm, which exits without passing the signal on: the server would keep
 * listening, orphaned. When the parent goes, the process is re-parented (to init or a subreaper),
 * so a change of `process.ppid` is the sign; it is checked twice a second.
 */

/**
 * Calls `onGone` once when the parent process exits. Returns a function that stops watching.
 * Does nothing when started directly under init (pid 1), which never exits.
 */
export function watchParent(onGone: () => void, intervalMs = 500, ppid: () => number = () => process.ppid): () => void {
  const parent = ppid();
  if (parent <= 1) return () => undefined;
  const timer = setInterval(() => {
    if (ppid() === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  // Never the reason the process stays up.
  timer.unref();
  return () => clearInterval(timer);
}
