/**
 * A GitOps pipeline in miniature, for replaying the sequences that lose merged plans: pull
 * requests planned against the emulator, merges that change main's fleet files and queue the
 * reviewed plan (or not, when the merge job was cancelled), the scheduled job's catch-up and
 * `ckafka queue apply`, all on one emulator state file whose virtual clock the test moves, as
 * the days between cron runs pass. Every command is the one the example workflow runs, in-process.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { QueuedInstanceRecord, QueueState } from '../../src/apply/plan-queue';
import type { EmulatorState, Submission } from '../../src/cloud/emulator';
import { specSubmissionsIn, tempDir, writeFile, writeSeedState } from '../support/workspace';
import { runInProcess, type CliRun } from '../support/run-cli';

export const QUEUE = '.ckafka-queue';
const STATE = 'emulator-state.json';

export interface QueuedPlan {
  readonly key: string;
  readonly state: QueueState;
  readonly records: Readonly<Record<string, QueuedInstanceRecord>>;
}

export class Pipeline {
  readonly dir: string;
  private readonly cleanup: () => void;
  private readonly merges: Array<{ readonly id: string; readonly mergedAt: string }> = [];

  private constructor() {
    ({ dir: this.dir, cleanup: this.cleanup } = tempDir('ckafka-gitops-'));
  }

  /**
   * A repository whose main declares `fleet`, over the emulator's seed fleet at `at`, or over the
   * instances of the state file `seed` (its clock replaced by one at `at` that moves only when
   * ckafka waits).
   */
  static async start(fleet: string, at: Date, seed?: string): Promise<Pipeline> {
    const p = new Pipeline();
    if (seed === undefined) await writeSeedState(path.join(p.dir, STATE), undefined, at);
    else {
      const state = JSON.parse(fs.readFileSync(seed, 'utf8')) as EmulatorState;
      state.clock = { virtualAt: at.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
      fs.writeFileSync(path.join(p.dir, STATE), JSON.stringify(state));
    }
    writeFile(path.join(p.dir, 'main', 'fleet', 'ckafka.yaml'), fleet);
    return p;
  }

  dispose(): void {
    this.cleanup();
  }

  private run(argv: readonly string[]): Promise<CliRun> {
    return runInProcess([...argv, '--emulator-state', STATE], this.dir, { NO_COLOR: '1', CI: 'true' });
  }

  /** The emulator's virtual time. */
  now(): Date {
    return new Date((JSON.parse(fs.readFileSync(path.join(this.dir, STATE), 'utf8')) as EmulatorState).clock.virtualAt);
  }

  /** Lets virtual time pass until `at` (never backwards: the runs themselves move it too). */
  advanceTo(at: Date): void {
    const file = path.join(this.dir, STATE);
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as EmulatorState;
    if (Date.parse(state.clock.virtualAt) >= at.getTime()) return;
    state.clock = { ...state.clock, virtualAt: at.toISOString(), realAt: Date.now(), revision: state.clock.revision + 1 };
    fs.writeFileSync(file, JSON.stringify(state));
  }

  /** Someone changes an instance in the console. */
  changeInConsole(instanceId: string, change: Partial<EmulatorState['instances'][number]>): void {
    const file = path.join(this.dir, STATE);
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as EmulatorState;
    const instance = state.instances.find((i) => i.instanceId === instanceId);
    if (instance === undefined) throw new Error(`no instance ${instanceId}`);
    Object.assign(instance, change);
    fs.writeFileSync(file, JSON.stringify(state));
  }

  /** The pull request's plan job: plans its fleet files, saving the reviewed plan. */
  async pullRequest(id: string, fleet: string): Promise<CliRun> {
    writeFile(path.join(this.dir, 'prs', id, 'fleet', 'ckafka.yaml'), fleet);
    const r = await this.run(['plan', `prs/${id}/fleet`, '--out', `prs/${id}/plan.json`, '--detailed-exitcode']);
    if (r.code === 1) throw new Error(`plan of ${id} failed:\n${r.stderr}`);
    return r;
  }

  /**
   * Merges the pull request: main's fleet files become `fleet` (what the merge result declares),
   * and the merge job queues the reviewed plan, unless that job was cancelled.
   */
  async merge(id: string, fleet: string, job: 'runs' | 'cancelled' = 'runs'): Promise<CliRun | undefined> {
    writeFile(path.join(this.dir, 'main', 'fleet', 'ckafka.yaml'), fleet);
    const mergedAt = this.now().toISOString();
    this.merges.push({ id, mergedAt });
    return job === 'runs' ? this.queueAdd(id, mergedAt) : undefined;
  }

  private async queueAdd(id: string, mergedAt: string): Promise<CliRun> {
    const r = await runInProcess(['queue', 'add', QUEUE, `prs/${id}/plan.json`, '--id', id, '--merged-at', mergedAt], this.dir);
    if (r.code !== 0) throw new Error(`queue add ${id} failed:\n${r.stderr}`);
    return r;
  }

  /** The scheduled job: catches up on every merge (adding is idempotent), then applies the queue. */
  async cron(): Promise<CliRun> {
    for (const m of this.merges) await this.queueAdd(m.id, m.mergedAt);
    return this.run(['queue', 'apply', QUEUE, '--fleet', 'main/fleet']);
  }

  /** Every merged plan in the queue, by id. */
  queued(): Map<string, QueuedPlan> {
    const out = new Map<string, QueuedPlan>();
    for (const state of ['pending', 'applied', 'superseded'] as const) {
      const folder = path.join(this.dir, QUEUE, state);
      if (!fs.existsSync(folder)) continue;
      for (const name of fs.readdirSync(folder)) {
        const m = /^(\d{8}T\d{6}Z-(.+))\.json$/.exec(name);
        if (m === null || name.endsWith('.status.json')) continue;
        const status = path.join(folder, `${m[1]}.status.json`);
        const records = fs.existsSync(status) ? (JSON.parse(fs.readFileSync(status, 'utf8')) as { records: QueuedPlan['records'] }).records : {};
        out.set(m[2] as string, { key: m[1] as string, state, records });
      }
    }
    return out;
  }

  /** The ids merged so far, in merge order. */
  mergedIds(): string[] {
    return this.merges.map((m) => m.id);
  }

  /** Spec changes the cloud accepted for an instance. */
  submissions(instanceId?: string): Submission[] {
    return specSubmissionsIn(path.join(this.dir, STATE), instanceId);
  }
}
