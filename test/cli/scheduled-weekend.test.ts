/**
 * The README's `orders` case (examples/quickstart: Pro 200 → 600 MB/s, a migration of about
 * 5h 23m, a weekend window of 5 hours) as the example workflow's scheduled job runs it: the plan
 * reviewed on Monday is merged and queued, and `ckafka queue apply` runs every 30 minutes, a few
 * minutes late as GitHub's cron is, from Friday to Monday in virtual time. The change must be
 * submitted in the first occurrence of the window, once, and verified when it ends. The commands
 * run in-process (`runCli`): a process per run would make the weekend minutes long.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pipeline } from '../gitops/_pipeline';
import { ROOT } from '../support/workspace';

const QUICKSTART = path.join(ROOT, 'examples', 'quickstart');
// The quickstart fleet without `audit`, whose out-of-sync replica blocks it (and would fail the job).
const FLEET = fs.readFileSync(path.join(QUICKSTART, 'ckafka.yaml'), 'utf8').split('  # A replica of audit.trail')[0] as string;
const ORDERS = 'ckafka-9x2kq7pe';

/** Monday 23 November 2026, 10:00 in Shanghai: the quickstart's own time. */
const MONDAY = new Date('2026-11-23T02:00:00Z');
/** The first occurrence of the window opens on Saturday 28 November at 01:00 in Shanghai. */
const FIRST_OPENING = Date.parse('2026-11-27T17:00:00Z');
const CLOSE = Date.parse('2026-11-27T22:00:00Z');
const MINUTE = 60_000;

let p: Pipeline;
afterAll(() => p?.dispose());

it("applies the README's orders case in the first window occurrence, as the scheduled job runs it every 30 minutes across a weekend", async () => {
  p = await Pipeline.start(FLEET, MONDAY, path.join(QUICKSTART, 'emulator-state.json'));
  const planned = await p.pullRequest('pr1', FLEET);
  expect(planned.stdout).toMatch(/~ orders \(ckafka-9x2kq7pe\)\s+upgrade/);
  expect(planned.stdout).toMatch(/data migrates: ~5h 2\dm \(estimate\)/);
  // The reviewer is told it may run past the close (the text wraps; read it as one line).
  expect(planned.stdout.replace(/\s+/g, ' ')).toMatch(/window-fits: the estimated 5h 2\dm is longer than the 5h left in the window \(sat, sun 01:00–06:00 Asia\/Shanghai\); it starts inside the window and carries on after the window closes/);
  await p.merge('pr1', FLEET);

  // Friday 12:07 to Monday 00:07 in Shanghai: the cron fires at :00 and :30, each run 7 minutes late.
  const runs: Array<{ at: string; code: number; orders: string }> = [];
  for (let t = Date.parse('2026-11-27T04:07:00Z'); t <= Date.parse('2026-11-29T16:07:00Z'); t += 30 * MINUTE) {
    p.advanceTo(new Date(t));
    const r = await p.cron();
    runs.push({ at: new Date(t).toISOString(), code: r.code, orders: /[^\n]* orders \(ckafka-9x2kq7pe\): [^\n]*(\n {6}endpoints changed[^\n]*)?/.exec(r.stdout)?.[0] ?? '' });
  }

  // Every run of the job is green.
  expect(runs.filter((r) => r.code !== 0)).toEqual([]);
  // Before the window: deferred to its first opening.
  expect(runs[0]?.orders).toContain('orders (ckafka-9x2kq7pe): deferred — outside its window: it may start at 2026-11-27T17:00:00.000Z');

  // Submitted once, by the first run inside the first occurrence (Saturday 01:07 in Shanghai).
  const submitted = p.submissions(ORDERS);
  expect(submitted).toHaveLength(1);
  const at = Date.parse(submitted[0]?.at ?? '');
  expect(at).toBeGreaterThanOrEqual(FIRST_OPENING + 7 * MINUTE);
  expect(at).toBeLessThan(FIRST_OPENING + 8 * MINUTE);
  expect(at).toBeLessThan(CLOSE);
  const first = runs.find((r) => Date.parse(r.at) === FIRST_OPENING + 7 * MINUTE);
  expect(first?.orders).toMatch(/in-progress — submitted, running in the cloud: .*about 5h \d+m left/);

  // Later runs report progress against the recorded submission, then verify the end and the ports.
  expect(runs.find((r) => Date.parse(r.at) === FIRST_OPENING + 3 * 60 * MINUTE + 7 * MINUTE)?.orders).toMatch(/in-progress — running in the cloud: 3h elapsed, about 2h 2\dm left \(estimate: done about 2026-11-27T22:[23]\d/);
  const verified = runs.find((r) => r.orders.includes(': done — '));
  expect(verified?.orders).toMatch(/done — already at the target spec: 600 MB\/s, 3000 GB, 2400 partitions; endpoints changed\n {6}endpoints changed: .* allow the new ports in your security groups/);
  expect(p.queued().get('pr1')?.state).toBe('applied');
  expect(p.queued().get('pr1')?.records.orders).toMatchObject({ outcome: 'done', submittedAt: submitted[0]?.at });
});
