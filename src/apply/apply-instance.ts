/**
 * The executor of one plan entry: asks `decide` what to do, does it through the port (observe,
 * gather facts, look again, submit, re-time, follow, sleep), and comes back with what it saw,
 * until a decision ends the instance. It holds the instance's slots through `Admission`: a
 * concurrency slot while it checks and submits, none while it follows or waits.
 */
import type { CkafkaCloud } from '../cloud/port';
import type { PlannedInstance } from '../plan/types';
import type { ObservedInstance } from '../spec/observed';
import type { Admission } from './admission';
import { decideOptionsFor, type ApplyOptions } from './apply-options';
import type { InstanceState } from './apply-types';
import { decide } from './decide';
import type { Decision, InstanceReport, Seen } from './decision';
import { gatherFacts } from './plan-with-cloud';
import type { Tracker } from './tracker';

/** What every instance of one apply shares. */
export interface ApplyRun {
  readonly cloud: CkafkaCloud;
  readonly options: ApplyOptions;
  readonly admission: Admission<PlannedInstance>;
  readonly tracker: Tracker;
}

function stillRunning(r: InstanceReport): boolean {
  return r.outcome === 'running' || r.outcome === 'in-progress';
}

class InstanceExecutor {
  constructor(
    private readonly run: ApplyRun,
    private readonly p: PlannedInstance,
  ) {}

  private get cloud(): CkafkaCloud {
    return this.run.cloud;
  }

  private get aborted(): boolean {
    return this.run.options.signal?.aborted === true;
  }

  private get call(): { signal?: AbortSignal } {
    const signal = this.run.options.signal;
    return signal === undefined ? {} : { signal };
  }

  private decideNow(seen: Seen): { decision: Decision; now: Date } {
    const now = this.cloud.clock.now();
    return { decision: decide(this.p, seen, now, decideOptionsFor(this.run.options, this.p, this.aborted)), now };
  }

  private emit(state: InstanceState, message: string): void {
    const p = this.p;
    this.run.options.onEvent?.({ type: 'state', at: this.cloud.clock.now(), name: p.name, instanceId: p.instanceId, state, message, estimatedSeconds: p.migration.estimatedSeconds });
  }

  private async look(): Promise<Seen> {
    return { after: 'look', observed: await this.observe() };
  }

  private async observe(): Promise<ObservedInstance | undefined> {
    // Only entries with an instance id get past the plan's own verdict to a decision that looks.
    const [o] = await this.cloud.describeInstances({ ids: [this.p.instanceId as string] }, this.call);
    return o;
  }

  /** Performs one decision that does not end the instance, and says what it saw. */
  private async perform(d: Exclude<Decision, { kind: 'end' }>, now: Date): Promise<Seen> {
    const { admission } = this.run;
    const p = this.p;
    switch (d.kind) {
      case 'follow': {
        // A change this apply did not submit counts against the running-change limit; following
        // it costs one share of a batched poll, so it holds no concurrency slot.
        if (d.recorded.attached) admission.countRunning(p);
        admission.release(p);
        this.emit('upgrading', p.migration.required ? 'migrating data' : 'applying the new spec');
        let lastStatus = d.observed.statusCode;
        const outcome = await this.run.tracker.track({
          instanceId: d.observed.instanceId,
          target: p.target,
          since: d.since,
          sawUpgrading: d.observed.status === 'upgrading',
          timeoutMs: d.timeoutMs,
          until: d.until,
          onPoll: (o, elapsedMs) => {
            if (o.statusCode !== lastStatus) {
              lastStatus = o.statusCode;
              this.emit(o.status === 'upgrading' ? 'upgrading' : 'observing', `status ${o.status}`);
            }
            this.progress(o.instanceId, o.statusCode, Math.round(elapsedMs / 1000));
          },
        });
        return { after: 'tracked', outcome, since: d.since, recorded: d.recorded };
      }
      case 'wait-until':
        // A change waiting for its window is not running: it holds no slot of either kind.
        admission.pause(p);
        await this.cloud.clock.sleep(d.until.getTime() - now.getTime(), this.run.options.signal);
        if (this.aborted || !(await admission.enter(p))) return { after: 'interrupted', while: 'waiting', until: d.until };
        return this.look();
      case 'retime':
        try {
          await this.cloud.retimeRebalance(p.instanceId as string, d.to, this.call);
        } catch (error) {
          return { after: 'retime-failed', error };
        }
        this.emit('retimed', `moved the scheduled change to ${d.to.toISOString()}`);
        return { after: 'retimed', to: d.to };
      case 'start': {
        const turn = await admission.startTurn(p, (limit) => this.emit('waiting', `waiting for one of the ${limit} running changes to finish (the limit of changes running at once)`));
        if (turn === 'ready') return { after: 'admitted', observed: d.observed, schedule: d.schedule };
        if (turn === 'waited') return this.look();
        if (turn === 'interrupted') return { after: 'interrupted', while: 'queued' };
        return { after: 'no-room', stuck: admission.stuck, limit: admission.runningLimit ?? 0 };
      }
      case 'check':
        return { after: 'checked', observed: d.observed, facts: await gatherFacts(this.cloud, p.target, d.observed, this.run.options.signal), schedule: d.schedule };
      case 'confirm':
        return { after: 'confirmed', observed: await this.observe(), checked: d.checked };
      case 'submit': {
        const since = this.cloud.clock.now();
        try {
          const r = await this.cloud.submitSpecChange(d.request, this.call);
          this.emit('submitted', r.acceptedBy === 'observation' ? `accepted: the answer was lost, and the cloud shows the change (${r.reference})` : `accepted by the cloud (request ${r.requestId})`);
          return { after: 'submitted', observed: d.observed, since, submitted: { requestId: r.requestId, at: since.toISOString(), acceptedBy: r.acceptedBy, reference: r.reference }, checked: d.checked };
        } catch (error) {
          return { after: 'submit-failed', error, checked: d.checked };
        }
      }
      case 'look-after-refusal':
        // A failed look says nothing was seen: the refusal is reported as it came.
        return { after: 'refusal-looked', error: d.error, observed: await this.observe().catch(() => undefined), checked: d.checked };
    }
  }

  private progress(instanceId: string, statusCode: number, elapsedSeconds: number): void {
    const p = this.p;
    this.run.options.onEvent?.({ type: 'progress', at: this.cloud.clock.now(), name: p.name, instanceId, statusCode, elapsedSeconds, estimatedSeconds: p.migration.estimatedSeconds });
  }

  /** Decides and performs until a decision ends the instance. */
  private async drive(first: Seen): Promise<InstanceReport> {
    let seen = first;
    for (;;) {
      const { decision, now } = this.decideNow(seen);
      if (decision.say !== undefined) this.emit(decision.say.state, decision.say.message);
      if (decision.kind === 'end') {
        if (decision.progress !== undefined) this.progress(decision.progress.instanceId, decision.progress.statusCode, decision.progress.elapsedSeconds);
        return decision.result;
      }
      seen = await this.perform(decision, now);
    }
  }

  /** The instance's report, whatever happens: a read that fails after retries is its outcome too. */
  async result(first: ObservedInstance | undefined): Promise<InstanceReport> {
    const { admission } = this.run;
    const p = this.p;
    if (p.action === 'none') return this.drive({ after: 'look', observed: first });
    let r: InstanceReport;
    try {
      const entered = await admission.enter(p);
      r = await this.drive(entered ? { after: 'look', observed: first } : { after: 'interrupted', while: 'starting' });
    } catch (error) {
      admission.leave(p, false);
      return this.drive({ after: 'unreachable', error });
    }
    admission.leave(p, stillRunning(r));
    return r;
  }
}

/** Applies one plan entry, starting from the instance as first observed (`undefined`: not found). */
export function applyInstance(run: ApplyRun, p: PlannedInstance, first: ObservedInstance | undefined): Promise<InstanceReport> {
  return new InstanceExecutor(run, p).result(first);
}
