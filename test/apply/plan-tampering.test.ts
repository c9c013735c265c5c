/**
 * The plan-tampering attacks of bench/lib/attack-plan-tampering.ts (docs/reliability.md, Plan
 * tampering: B1–B3, B15 and F1–F13), one row per attack: each tampered plan, its digest recomputed
 * as an attacker would, is refused with a code naming the field, and the emulator accepts no write.
 */
import { attackerDigest, PLAN_TAMPERS, runPlanTamperingAttacks, type AttackRow } from '../../bench/lib/attack-plan-tampering';
import { digestPlan } from '../../src/plan/digest-plan';
import { renderJson } from '../../src/render';
import type { Plan } from '../../src/plan/types';
import { fleetYaml, newWorld, planFor } from './_harness';

describe('plan tampering', () => {
  let rows: ReadonlyMap<string, AttackRow>;
  beforeAll(async () => {
    rows = new Map((await runPlanTamperingAttacks()).map((r) => [r.id, r]));
  }, 120_000);

  it('runs every attack once', () => {
    expect([...rows.keys()]).toEqual(PLAN_TAMPERS.map((t) => t.id));
  });

  it.each(PLAN_TAMPERS.map((t) => [t.id, t.attack] as const))('%s: %s → refused, naming the field, with no write', (id) => {
    const row = rows.get(id);
    expect(row?.result).toMatch(/^exit 1; .*; no write$/);
    expect(row).toMatchObject({ held: true });
  });

  it('computes the digest the way docs/plan-format.md defines it, as the attacks assume', async () => {
    const plan = JSON.parse(renderJson(await planFor(newWorld(), fleetYaml({ orders: { bw: 240, partitions: 1600 } })))) as Plan;
    const { digest: _digest, ...body } = plan;
    expect(attackerDigest(plan)).toBe(plan.digest);
    expect(digestPlan(body)).toBe(plan.digest);
  });
});
