/**
 * The sequences that lost merged plans in the first GitHub Actions example, replayed through the
 * queue the redesigned example keeps: merges in any order, merges while a plan waits for its
 * window, cron runs in between, a merge job cancelled, a refused plan, a pull request that was
 * not rebased. However they interleave, every merged plan ends applied or superseded, and every
 * change is submitted once.
 */
import { WEEKEND_WINDOW } from '../support/workspace';
import { SEED, fleetYaml, type Decl, type SeedName } from '../support/seed-fleet';
import { Pipeline } from './_pipeline';

/** Monday 2 March 2026, 10:00 in Shanghai. */
const MONDAY = new Date('2026-03-02T02:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(MONDAY.getTime() + hours * HOUR);

// orders: 200 → 400 MB/s grows in place (no migration); payments: 120 → 160 MB/s migrates (weekend window).
const BASE: Partial<Record<SeedName, Decl>> = { orders: {}, payments: { rebalance: WEEKEND_WINDOW }, 'media-uploads': {} };
const fleet = (changes: Partial<Record<SeedName, Decl>> = {}) =>
  fleetYaml(Object.fromEntries(Object.entries(BASE).map(([name, d]) => [name, { ...d, ...(changes[name as SeedName] ?? {}) }])) as Partial<Record<SeedName, Decl>>);

const PAYMENTS_UP = { payments: { bw: 160, rebalance: WEEKEND_WINDOW } };
const MEDIA_UP = { 'media-uploads': { disk: 4500 } };

/** Runs the scheduled job every 30 minutes from `from` to `to` (hours after MONDAY); returns the exit codes. */
async function cronEvery30Minutes(p: Pipeline, from: number, to: number): Promise<number[]> {
  const codes: number[] = [];
  for (let h = from; h <= to; h += 0.5) {
    p.advanceTo(at(h));
    codes.push((await p.cron()).code);
  }
  return codes;
}

/** Every merged plan ended applied or superseded: each of its instances done, unchanged or superseded. */
function expectEveryMergedPlanSettled(p: Pipeline): void {
  const queued = p.queued();
  for (const id of p.mergedIds()) {
    const entry = queued.get(id);
    expect({ id, state: entry?.state }).toEqual({ id, state: expect.stringMatching(/^(applied|superseded)$/) });
    for (const r of Object.values(entry?.records ?? {})) expect(['done', 'unchanged', 'superseded']).toContain(r.outcome);
  }
}

let p: Pipeline;
afterEach(() => p?.dispose());

describe('the queue of merged plans: no merged plan is ever lost', () => {
  it('merge A; merge B while A waits for its window; cron runs in between and across the weekend', async () => {
    p = await Pipeline.start(fleet(), MONDAY);
    await p.pullRequest('pr1', fleet(PAYMENTS_UP));
    await p.merge('pr1', fleet(PAYMENTS_UP));
    p.advanceTo(at(0.5));
    const first = await p.cron();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/payments \(ckafka-4m7tz1bc\): deferred — outside its window: it may start at 2026-03-06T17:00:00.000Z/);

    // B is branched from main after A: its plan carries A's pending change too.
    p.advanceTo(at(3));
    await p.pullRequest('pr2', fleet({ ...PAYMENTS_UP, ...MEDIA_UP }));
    await p.merge('pr2', fleet({ ...PAYMENTS_UP, ...MEDIA_UP }));
    const second = await p.cron();
    expect(second.code).toBe(0);
    // orders and media-uploads of pr1 had nothing to do and were settled by the first run.
    expect(second.stdout).toMatch(/pr1: superseded\n {2}⇢ payments \(ckafka-4m7tz1bc\): superseded — superseded by \d{8}T\d{6}Z-pr2, merged later/);
    expect(second.stdout).toMatch(/… payments \(ckafka-4m7tz1bc\): deferred — outside its window/);
    expect(second.stdout).toMatch(/… media-uploads \(ckafka-3rf6w8ya\): in-progress — submitted, running in the cloud/);

    // The weekend: the scheduled job every 30 minutes from Friday evening to Saturday evening (Shanghai).
    const codes = await cronEvery30Minutes(p, 4 * 24 + 8, 4 * 24 + 32);
    expect(codes.every((c) => c === 0)).toBe(true);

    expectEveryMergedPlanSettled(p);
    expect(p.queued().get('pr2')?.state).toBe('applied');
    const [payments] = p.submissions(SEED.payments.id);
    expect(p.submissions(SEED.payments.id)).toHaveLength(1);
    // Submitted by the first run inside the window (Saturday 01:00 Shanghai), not later.
    expect(Date.parse(payments?.at ?? '') - Date.parse('2026-03-06T17:00:00Z')).toBeLessThan(5 * 60_000);
    expect(p.submissions(SEED['media-uploads'].id)).toHaveLength(1);
  });

  it('a merge job cancelled (GitHub drops a pending run): the scheduled job catches up, and merge order decides, not queue order', async () => {
    p = await Pipeline.start(fleet(), MONDAY);
    await p.pullRequest('pr1', fleet(PAYMENTS_UP));
    await p.merge('pr1', fleet(PAYMENTS_UP), 'cancelled');
    p.advanceTo(at(1));
    await p.pullRequest('pr2', fleet({ ...PAYMENTS_UP, ...MEDIA_UP }));
    await p.merge('pr2', fleet({ ...PAYMENTS_UP, ...MEDIA_UP }));
    p.advanceTo(at(2));
    await p.pullRequest('pr3', fleet({ ...PAYMENTS_UP, ...MEDIA_UP, orders: { bw: 400, partitions: 2000 } }));
    await p.merge('pr3', fleet({ ...PAYMENTS_UP, ...MEDIA_UP, orders: { bw: 400, partitions: 2000 } }), 'cancelled');

    // The first scheduled run adds pr1 and pr3 (their merge jobs never ran) in merge order.
    expect((await p.cron()).code).toBe(0);
    expect([...p.queued().keys()].sort()).toEqual(['pr1', 'pr2', 'pr3']);
    expect(await cronEvery30Minutes(p, 4 * 24 + 14, 4 * 24 + 32)).not.toContain(1);

    expectEveryMergedPlanSettled(p);
    expect(p.queued().get('pr3')?.state).toBe('applied');
    // pr1 reached the queue after pr2 but was merged before it: both are superseded by pr3.
    expect(p.queued().get('pr1')?.records.payments?.supersededBy).toBe(p.queued().get('pr3')?.key);
    expect(p.queued().get('pr2')?.records.payments?.supersededBy).toBe(p.queued().get('pr3')?.key);
    for (const id of [SEED.payments.id, SEED['media-uploads'].id, SEED.orders.id]) expect(p.submissions(id)).toHaveLength(1);
  });

  it('a pull request that was not rebased: its stale view of another instance supersedes nothing, and both changes apply', async () => {
    p = await Pipeline.start(fleet(), MONDAY);
    await p.pullRequest('pr1', fleet(PAYMENTS_UP));
    // pr2 was branched before pr1 merged: it declares payments as it was.
    await p.pullRequest('pr2', fleet(MEDIA_UP));
    await p.merge('pr1', fleet(PAYMENTS_UP));
    p.advanceTo(at(1));
    await p.merge('pr2', fleet({ ...PAYMENTS_UP, ...MEDIA_UP }));

    expect((await p.cron()).code).toBe(0);
    expect(await cronEvery30Minutes(p, 4 * 24 + 14, 4 * 24 + 32)).not.toContain(1);

    expectEveryMergedPlanSettled(p);
    expect(p.queued().get('pr1')?.records.payments?.outcome).toBe('done');
    expect(p.queued().get('pr2')?.records.payments?.outcome).toBe('unchanged');
    expect(p.submissions(SEED.payments.id)).toHaveLength(1);
    expect(p.submissions(SEED['media-uploads'].id)).toHaveLength(1);
  });

  it('a refused plan stays pending and fails the job, until a reviewed plan merged later supersedes it', async () => {
    p = await Pipeline.start(fleet(), MONDAY);
    await p.pullRequest('pr1', fleet(MEDIA_UP));
    // Someone changes the instance in the console after the review.
    p.changeInConsole(SEED['media-uploads'].id, { diskGB: 4200 });
    await p.merge('pr1', fleet(MEDIA_UP));

    const refused = await p.cron();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/✗ media-uploads \(ckafka-3rf6w8ya\): refused — the plan is stale: diskGB was 4000 GB when planned, now 4200 GB/);
    expect((await p.cron()).code).toBe(1);
    expect(p.queued().get('pr1')?.state).toBe('pending');

    // A re-plan of the same declaration, reviewed and merged.
    p.advanceTo(at(1));
    await p.pullRequest('pr2', fleet(MEDIA_UP));
    await p.merge('pr2', fleet(MEDIA_UP));
    expect(await cronEvery30Minutes(p, 1, 2)).toEqual([0, 0, 0]);

    expectEveryMergedPlanSettled(p);
    expect(p.queued().get('pr1')?.state).toBe('superseded');
    expect(p.submissions(SEED['media-uploads'].id)).toHaveLength(1);
  });

  it('a merged plan that cannot be found fails loudly instead of being dropped', async () => {
    p = await Pipeline.start(fleet(), MONDAY);
    await p.merge('pr9', fleet(MEDIA_UP), 'cancelled');
    await expect(p.cron()).rejects.toThrow(/the reviewed plan of pr9 is missing .*: a merged plan would be lost/);
  });
});
