/**
 * The slots of one apply (`Admission`), as a table of scripts: each step acts for a holder
 * (`enter`, `start` a change, `release`, `pause`, `count` a change already running, `leave` with
 * the change done or still running, `abort`), and the log says what each holder got, in order.
 */
import { Admission } from '../../src/apply/admission';

/** Lets every promise that can settle settle (no timers involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

async function play(options: { concurrency?: number; maxRunning?: number }, script: readonly string[]): Promise<string[]> {
  const controller = new AbortController();
  const admission = new Admission<string>({ ...options, signal: controller.signal });
  const log: string[] = [];
  for (const step of script) {
    const [op, who = '', arg] = step.split(' ');
    switch (op) {
      case 'enter':
        void admission.enter(who).then((ok) => log.push(`${who} ${ok ? 'entered' : 'not entered'}`));
        break;
      case 'start':
        void admission.startTurn(who, (limit) => log.push(`${who} queued (limit ${limit})`)).then((turn) => log.push(`${who} ${turn}`));
        break;
      case 'release':
        admission.release(who);
        break;
      case 'pause':
        admission.pause(who);
        break;
      case 'count':
        admission.countRunning(who);
        break;
      case 'leave':
        admission.leave(who, arg === 'running');
        break;
      case 'abort':
        controller.abort();
        break;
      case 'stuck':
        log.push(`stuck ${admission.stuck}`);
        break;
      default:
        throw new Error(`unknown step ${step}`);
    }
    await settle();
  }
  return log;
}

interface Row {
  readonly options: { concurrency?: number; maxRunning?: number };
  readonly script: readonly string[];
  readonly log: readonly string[];
}

const TABLE: Readonly<Record<string, Row>> = {
  'at most `concurrency` holders work at once; a leaver hands its slot on': {
    options: { concurrency: 2 },
    script: ['enter a', 'enter b', 'enter c', 'leave a'],
    log: ['a entered', 'b entered', 'c entered'],
  },
  'following a change gives the work slot up: the next starts at once': {
    options: { concurrency: 1 },
    script: ['enter a', 'enter b', 'release a'],
    log: ['a entered', 'b entered'],
  },
  'without maxRunning, every change may start': {
    options: { concurrency: 2 },
    script: ['enter a', 'start a', 'enter b', 'start b'],
    log: ['a entered', 'a ready', 'b entered', 'b ready'],
  },
  'maxRunning 1: the second change waits for the first to end, then is told it waited': {
    options: { maxRunning: 1 },
    script: ['enter a', 'start a', 'enter b', 'start b', 'leave a'],
    log: ['a entered', 'a ready', 'b entered', 'b queued (limit 1)', 'b waited'],
  },
  'a queued change gives its work slot up while it waits': {
    options: { concurrency: 1, maxRunning: 1 },
    script: ['enter a', 'start a', 'release a', 'enter b', 'start b', 'enter c', 'leave a', 'leave c'],
    log: ['a entered', 'a ready', 'b entered', 'b queued (limit 1)', 'c entered', 'b waited'],
  },
  'changes found running count first, whatever the order': {
    options: { maxRunning: 1 },
    script: ['count a', 'enter b', 'start b', 'leave a'],
    log: ['b entered', 'b queued (limit 1)', 'b waited'],
  },
  'a change found running counts above the limit and holds the queue back until below it': {
    options: { maxRunning: 1 },
    script: ['enter a', 'start a', 'count b', 'enter c', 'start c', 'leave a', 'stuck', 'leave b'],
    log: ['a entered', 'a ready', 'c entered', 'c queued (limit 1)', 'stuck 0', 'c waited'],
  },
  'counting a change twice holds one slot': {
    options: { maxRunning: 1 },
    script: ['count a', 'count a', 'leave a', 'enter b', 'start b'],
    log: ['b entered', 'b ready'],
  },
  'a change still running at its end keeps its slot; filling the limit ends every wait': {
    options: { maxRunning: 1 },
    script: ['enter a', 'start a', 'enter b', 'start b', 'leave a running', 'stuck', 'enter c', 'start c'],
    log: ['a entered', 'a ready', 'b entered', 'b queued (limit 1)', 'b full', 'stuck 1', 'c entered', 'c full'],
  },
  'below the limit, changes still running leave room for others': {
    options: { maxRunning: 2 },
    script: ['enter a', 'start a', 'enter b', 'start b', 'leave a running', 'enter c', 'start c', 'leave b', 'stuck'],
    log: ['a entered', 'a ready', 'b entered', 'b ready', 'c entered', 'c queued (limit 2)', 'c waited', 'stuck 1'],
  },
  'a change not yet given a running slot takes one when it ends still running': {
    options: { maxRunning: 1 },
    script: ['enter a', 'leave a running', 'stuck', 'enter b', 'start b'],
    log: ['a entered', 'stuck 1', 'b entered', 'b full'],
  },
  'waiting for the window holds neither slot': {
    options: { concurrency: 1, maxRunning: 1 },
    script: ['enter a', 'start a', 'enter b', 'pause a', 'start b'],
    log: ['a entered', 'a ready', 'b entered', 'b ready'],
  },
  'Ctrl-C ends a wait for a running slot': {
    options: { maxRunning: 1 },
    script: ['enter a', 'start a', 'enter b', 'start b', 'abort'],
    log: ['a entered', 'a ready', 'b entered', 'b queued (limit 1)', 'b interrupted'],
  },
  'Ctrl-C ends a wait for a work slot, and no one enters after it': {
    options: { concurrency: 1 },
    script: ['enter a', 'enter b', 'abort', 'enter c'],
    log: ['a entered', 'b not entered', 'c not entered'],
  },
  'after Ctrl-C, a change still running is not counted as stuck': {
    options: { maxRunning: 1 },
    script: ['enter a', 'start a', 'abort', 'leave a running', 'stuck'],
    log: ['a entered', 'a ready', 'stuck 0'],
  },
  'without maxRunning, a change still running never fills anything': {
    options: {},
    script: ['enter a', 'leave a running', 'stuck', 'enter b', 'start b'],
    log: ['a entered', 'stuck 0', 'b entered', 'b ready'],
  },
};

describe('Admission', () => {
  it.each(Object.entries(TABLE))('%s', async (_name, row) => {
    expect(await play(row.options, row.script)).toEqual(row.log);
  });
});
