/**
 * Apply progress on stderr. On a terminal: one live line per instance (state, elapsed, ETA from
 * the plan's estimate), redrawn in place. In CI (no TTY): one line per state change, plus a
 * heartbeat so a long migration never looks like a hung job.
 */
import { isOutcome, type ApplyEvent, type InstanceState } from '../apply/apply-types';
import { formatDuration } from '../plan/words';
import { escapeTerminalLine } from '../render/escape-terminal';
import { write, type Io } from './output';

export interface ProgressOptions {
  /** Redraw lines in place (a terminal) or print a log (CI). */
  readonly live: boolean;
  readonly color: boolean;
  /** Real time between heartbeat lines in log mode. @default 60000 */
  readonly heartbeatMs?: number;
}

interface Line {
  name: string;
  state: InstanceState;
  message: string;
  /** Cloud time the current long-running state began (upgrading, waiting). */
  since?: Date;
  elapsedSeconds?: number;
  estimatedSeconds?: number | null;
}


/** The time of an event; with its date once the (virtual) clock has left the day the run started on. */
function clock(d: Date, startDay: string | undefined): string {
  const iso = d.toISOString();
  return startDay === undefined || iso.slice(0, 10) === startDay ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function eta(line: Line): string {
  if (line.state !== 'upgrading' || line.elapsedSeconds === undefined) return '';
  const est = line.estimatedSeconds;
  const elapsed = `${formatDuration(line.elapsedSeconds)} elapsed`;
  if (est === null || est === undefined) return elapsed;
  const left = est - line.elapsedSeconds;
  return left > 0 ? `${elapsed}, about ${formatDuration(left)} left (estimate)` : `${elapsed}, longer than the ${formatDuration(est)} estimate`;
}

/** Builds a reporter; feed it every apply event and call `stop()` at the end. */
export function createProgressReporter(io: Io, options: ProgressOptions): { onEvent: (e: ApplyEvent) => void; stop: () => void } {
  const lines = new Map<string, Line>();
  const paint = (code: string) => (s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const colorOf: Partial<Record<InstanceState, (s: string) => string>> = {
    done: paint('32'),
    unchanged: paint('2'),
    failed: paint('31'),
    refused: paint('31'),
    blocked: paint('31'),
    running: paint('33'),
    deferred: paint('33'),
    upgrading: paint('36'),
  };
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  let startDay: string | undefined;

  // Names and messages come from the plan and the cloud: escaped, and kept to one line each, so a
  // name cannot move the cursor or add a line that redraws over another instance's.
  const render = (l: Line) => `${escapeTerminalLine(l.name).padEnd(24)} ${(colorOf[l.state] ?? ((s: string) => s))(l.state.padEnd(10))} ${[eta(l), escapeTerminalLine(l.message)].filter((x) => x !== '').join(' · ')}`;

  const redraw = () => {
    if (!options.live) return;
    const out = [...lines.values()].map(render);
    const up = drawn > 0 ? `\u001b[${drawn}A` : '';
    write(io, 'stderr', `${up}${out.map((s) => `\u001b[2K${s}`).join('\n')}\n`);
    drawn = out.length;
  };

  const heartbeat = () => {
    const busy = [...lines.values()].filter((l) => !isOutcome(l.state));
    if (busy.length > 0) write(io, 'stderr', `… still working: ${busy.map((l) => `${escapeTerminalLine(l.name)} ${l.state}${eta(l) ? ` (${eta(l)})` : ''}`).join('; ')}\n`);
  };
  if (!options.live) timer = setInterval(heartbeat, options.heartbeatMs ?? 60_000).unref();

  return {
    onEvent: (e) => {
      if (e.type === 'start') {
        startDay = e.at.toISOString().slice(0, 10);
        if (!options.live) write(io, 'stderr', `[${clock(e.at, startDay)}] applying ${e.instances} instance${e.instances === 1 ? '' : 's'}\n`);
        return;
      }
      if (e.type === 'end') return;
      const line = lines.get(e.name) ?? { name: e.name, state: 'observing', message: '' };
      lines.set(e.name, line);
      if (e.type === 'progress') {
        line.elapsedSeconds = e.elapsedSeconds;
        line.estimatedSeconds = e.estimatedSeconds;
        redraw();
        return;
      }
      const changed = line.state !== e.state || line.message !== e.message;
      line.state = e.state;
      line.message = e.message;
      if (e.estimatedSeconds !== undefined) line.estimatedSeconds = e.estimatedSeconds;
      if (options.live) redraw();
      else if (changed) write(io, 'stderr', `[${clock(e.at, startDay)}] ${escapeTerminalLine(e.name)}: ${e.state}${e.message ? ` — ${escapeTerminalLine(e.message)}` : ''}\n`);
    },
    stop: () => {
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
