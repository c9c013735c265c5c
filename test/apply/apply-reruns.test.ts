/** The apply orchestrator run again and run twice at once (_harness.ts): after a crash, two applies of one plan, two processes on one state file; each change submitted once. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEmulatedCloud } from '../../src/cloud/emulated-cloud';
import { createEmulator, createSeedState, saveEmulatorState } from '../../src/cloud/emulator';
import { SEED, T0, apply, fleetYaml, frozen, instanceOf, newWorld, planFor, recorder, resultOf, specSubmissions, until } from './_harness';

describe('apply: re-runs and concurrent runs submit each change once', () => {
  it('resumes after a crash right after the submit: attaches, never submits again', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' } }));
    // The first apply submits, then its process dies before it sees the end.
    void apply(plan, frozen(w.cloud));
    await until(() => specSubmissions(w.em).length === 1);
    expect(instanceOf(w.em, SEED.payments.id).status).toBe(7);

    const rec = recorder();
    const second = await apply(plan, w.cloud, { onEvent: rec.onEvent });

    const r = resultOf(second, 'payments');
    expect(r).toMatchObject({ outcome: 'done', attached: true });
    expect(r.submitted).toBeUndefined();
    expect(rec.events.some((e) => e.type === 'state' && e.state === 'submitting')).toBe(false);
    expect(specSubmissions(w.em)).toHaveLength(1);
    expect(instanceOf(w.em, SEED.payments.id)).toMatchObject({ status: 1, bandwidthMBps: 160 });
  });

  it('two applies of one plan at once: each change submitted exactly once, both end done', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160 } }));

    const [a, b] = await Promise.all([apply(plan, createEmulatedCloud(w.em)), apply(plan, createEmulatedCloud(w.em))]);

    for (const result of [a, b]) {
      expect(result.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
      expect(result.exitCode).toBe(0);
    }
    expect(specSubmissions(w.em, SEED.payments.id)).toHaveLength(1);
    expect(specSubmissions(w.em, SEED['pulumi-events'].id)).toHaveLength(1);
    // Exactly one of the two runs submitted each change; the other followed it.
    for (const name of ['payments', 'pulumi-events']) {
      const submitted = [a, b].filter((res) => resultOf(res, name).submitted !== undefined);
      expect(submitted).toHaveLength(1);
    }
  });

  // The rules 'submit-refused' and 'finished-meanwhile' (src/apply/decide.ts): when the other
  // apply's change in place finishes between this run's last look and its submit, the cloud
  // refuses the submit as "nothing to change" (InvalidParameterValue); any refusal is looked at,
  // and the instance at its target is reported done.
  it('two applies of one plan at once, for a change in place that finishes between the last look and the submit: both end done', async () => {
    const w = newWorld();
    const plan = await planFor(w, fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'cdktf-clickstream': { bw: 240, partitions: 1600 } }));

    const [a, b] = await Promise.all([apply(plan, createEmulatedCloud(w.em)), apply(plan, createEmulatedCloud(w.em))]);

    expect(specSubmissions(w.em, SEED['cdktf-clickstream'].id)).toHaveLength(1);
    expect(a.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
    expect(b.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
  });

  it('two emulators on one state file (two processes) applying one plan: one submit per change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckafka-apply-'));
    try {
      const statePath = path.join(dir, 'state.json');
      const state = createSeedState({ now: T0 });
      state.faults.rateLimitsEnabled = false;
      // The CLI's embedded clock: stopped, moved by whoever waits.
      state.clock = { virtualAt: T0.toISOString(), realAt: Date.now(), speed: 0, revision: 1, stepOnSleep: true };
      await saveEmulatorState(statePath, state);
      const one = createEmulator({ statePath });
      const two = createEmulator({ statePath });
      try {
        const plan = await planFor({ cloud: createEmulatedCloud(one) }, fleetYaml({ payments: { bw: 160, mode: 'high-speed' }, 'pulumi-events': { bw: 160 } }));

        const [a, b] = await Promise.all([apply(plan, createEmulatedCloud(one)), apply(plan, createEmulatedCloud(two))]);

        expect(a.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
        expect(b.instances.map((r) => r.outcome)).toEqual(['done', 'done']);
        for (const name of ['payments', 'pulumi-events']) expect([a, b].filter((res) => resultOf(res, name).submitted !== undefined)).toHaveLength(1);
        const ledger = createEmulator({ statePath }).snapshot().submissions;
        expect(ledger.filter((s) => s.instanceId === SEED.payments.id && s.action === 'InstanceScalingDown')).toHaveLength(1);
        expect(ledger.filter((s) => s.instanceId === SEED['pulumi-events'].id && s.action === 'InstanceScalingDown')).toHaveLength(1);
      } finally {
        await one.close();
        await two.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
