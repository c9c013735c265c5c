/**
 * The queue script of the GitHub Actions example (examples/github-actions/ckafka-queue.sh) run for
 * real, with bash, git and jq: against a local git remote and a stand-in for `gh` that answers
 * from fixtures through the same jq filters, with jobs saving the queue at the same time. Its
 * `ckafka` is answered in this process (test/support/serve-cli.ts): the script is the point here,
 * not the binary. The workflow file itself is test/gitops/workflow.test.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runInProcess } from '../support/run-cli';
import { serveCli, type CliServer } from '../support/serve-cli';
import { ROOT, T0, fleetYaml, tempDir, writeFile, writeSeedState } from '../support/workspace';

const SCRIPT = path.join(ROOT, 'examples/github-actions/ckafka-queue.sh');


/** Answers the gh calls the script makes from JSON fixtures, through the caller's --jq filter. */
const FAKE_GH = `#!/usr/bin/env bash
set -euo pipefail
jq_filter='.'
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jq) jq_filter="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
echo "\${args[*]}" >> "$FAKE_GH/calls.log"
case "\${args[0]} \${args[1]}" in
  "api repos/"*)
    sha=$(echo "\${args[1]}" | sed -E 's#.*/commits/([^/]+)/pulls#\\1#')
    jq -r "$jq_filter" "$FAKE_GH/pulls-$sha.json" ;;
  "pr list")
    jq -r "$jq_filter" "$FAKE_GH/merged.json" ;;
  "run download")
    name=""; dir=""
    for ((i = 0; i < \${#args[@]}; i++)); do
      case "\${args[$i]}" in --name) name="\${args[$((i + 1))]}" ;; --dir) dir="\${args[$((i + 1))]}" ;; esac
    done
    [ -f "$FAKE_GH/artifacts/$name/plan.json" ] || { echo "no artifact $name" >&2; exit 1; }
    mkdir -p "$dir" && cp "$FAKE_GH/artifacts/$name/plan.json" "$dir/" ;;
  *) echo "unexpected gh call: \${args[*]}" >&2; exit 1 ;;
esac
`;

interface Repo {
  readonly root: string;
  readonly origin: string;
  readonly gh: string;
  readonly state: string;
  readonly ckafka: CliServer;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

/** A clone of the repository, as a job's checkout. */
function checkout(repo: Repo, name: string): string {
  const dir = path.join(repo.root, name);
  git(repo.root, 'clone', '--quiet', repo.origin, dir);
  return dir;
}

function script(repo: Repo, cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const child = spawn('bash', ['.github/ckafka-queue.sh', ...args], {
    cwd,
    env: {
      PATH: `${repo.gh}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? repo.root,
      FAKE_GH: repo.gh,
      GITHUB_REPOSITORY: 'acme/fleet',
      CKAFKA: repo.ckafka.command,
      ...repo.ckafka.env,
      PLANS_DIR: path.join(cwd, '..', `${path.basename(cwd)}-plans`),
      QUEUE_SINCE: '2026-01-01',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: `${stdout}${stderr}` }));
  });
}

/** The files of the queue branch on the remote. */
function queueOnRemote(repo: Repo): string[] {
  return git(repo.origin, 'ls-tree', '-r', '--name-only', 'ckafka-plans').split('\n').filter((f) => f !== '');
}

/** A reviewed plan of pull request `n`, as its plan job would upload it. */
async function artifact(repo: Repo, n: number, head: string, yaml: string): Promise<void> {
  const dir = path.join(repo.root, 'planning', String(n));
  writeFile(path.join(dir, 'ckafka.yaml'), yaml);
  const r = await runInProcess(['plan', dir, '--out', path.join(repo.gh, 'artifacts', `ckafka-plan-${head}`, 'plan.json'), '--emulator-state', repo.state], repo.root);
  if (r.code === 1) throw new Error(r.stderr);
}

/** Main's fleet files after a merge. */
function mainDeclares(repo: Repo, yaml: string): void {
  const dir = checkout(repo, `merge-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  writeFile(path.join(dir, 'fleet', 'ckafka.yaml'), yaml);
  git(dir, 'commit', '--quiet', '-am', 'merge');
  git(dir, 'push', '--quiet', 'origin', 'main');
}

function merged(repo: Repo, prs: ReadonlyArray<{ n: number; at: string; head: string; files?: string[] }>): void {
  fs.writeFileSync(
    path.join(repo.gh, 'merged.json'),
    JSON.stringify(prs.map((p) => ({ number: p.n, mergedAt: p.at, headRefOid: p.head, files: (p.files ?? ['fleet/ckafka.yaml']).map((f) => ({ path: f })) }))),
  );
}

describe('the queue script', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: Repo;
  beforeAll(async () => {
    tmp = tempDir('ckafka-queue-sh-');
    const root = tmp.dir;
    const origin = path.join(root, 'origin.git');
    const gh = path.join(root, 'gh');
    writeFile(path.join(gh, 'gh'), FAKE_GH);
    fs.chmodSync(path.join(gh, 'gh'), 0o755);
    repo = { root, origin, gh, state: path.join(root, 'emulator-state.json'), ckafka: await serveCli(root) };
    await writeSeedState(repo.state, undefined, T0);
    // main, with the fleet files and the script where the workflow expects it.
    const seed = path.join(root, 'seed');
    writeFile(path.join(seed, 'fleet', 'ckafka.yaml'), fleetYaml({ orders: { disk: 3500 }, 'media-uploads': {} }));
    writeFile(path.join(seed, '.github', 'ckafka-queue.sh'), fs.readFileSync(SCRIPT, 'utf8'));
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', origin);
    git(root, 'init', '--quiet', '--initial-branch=main', seed);
    git(seed, 'add', '-A');
    git(seed, 'commit', '--quiet', '-m', 'main');
    git(seed, 'push', '--quiet', origin, 'main');
    await artifact(repo, 1, 'head1', fleetYaml({ orders: { disk: 3500 }, 'media-uploads': {} }));
    await artifact(repo, 2, 'head2', fleetYaml({ orders: { disk: 3500 }, 'media-uploads': { disk: 4500 } }));
    await artifact(repo, 3, 'head3', fleetYaml({ orders: { disk: 4000 }, 'media-uploads': { disk: 4500 } }));
  });
  afterEach(() => expect(repo.ckafka.errors).toEqual([]));
  afterAll(async () => {
    await repo.ckafka.close();
    tmp.cleanup();
  });

  it('record: creates the queue branch and queues the plan of the merged pull request', async () => {
    fs.writeFileSync(path.join(repo.gh, 'pulls-sha1.json'), JSON.stringify([{ number: 1, merged_at: '2026-03-02T03:00:00Z', head: { sha: 'head1' } }]));
    const job = checkout(repo, 'record-1');
    expect((await script(repo, job, ['open'])).code).toBe(0);
    const recorded = await script(repo, job, ['record'], { GITHUB_SHA: 'sha1' });
    expect(recorded.out).toContain('pr1: queued as pending/20260302T030000Z-pr1.json');
    expect((await script(repo, job, ['save', 'queue pr1'])).code).toBe(0);
    expect(queueOnRemote(repo)).toEqual(['pending/20260302T030000Z-pr1.json']);
  });

  it('record: a push without a merged pull request fails, naming the commit', async () => {
    fs.writeFileSync(path.join(repo.gh, 'pulls-direct.json'), '[]');
    const job = checkout(repo, 'record-direct');
    await script(repo, job, ['open']);
    const r = await script(repo, job, ['record'], { GITHUB_SHA: 'direct' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('::error::no merged pull request for direct: changes to fleet/ must go through a reviewed plan');
  });

  it('two jobs saving at once: the second replays its changes on the first; a plan both saved is kept once', async () => {
    merged(repo, [
      { n: 1, at: '2026-03-02T03:00:00Z', head: 'head1' },
      { n: 2, at: '2026-03-02T04:00:00Z', head: 'head2' },
      { n: 7, at: '2026-03-02T04:30:00Z', head: 'head7', files: ['README.md'] },
    ]);
    fs.writeFileSync(path.join(repo.gh, 'pulls-sha2.json'), JSON.stringify([{ number: 2, merged_at: '2026-03-02T04:00:00Z', head: { sha: 'head2' } }]));
    mainDeclares(repo, fleetYaml({ orders: { disk: 3500 }, 'media-uploads': { disk: 4500 } }));
    // The record job of pr2 and a scheduled run start from the same queue.
    const record = checkout(repo, 'record-2');
    const cron = checkout(repo, 'cron-1');
    await script(repo, record, ['open']);
    await script(repo, cron, ['open']);
    expect((await script(repo, record, ['record'], { GITHUB_SHA: 'sha2' })).code).toBe(0);
    const caughtUp = await script(repo, cron, ['catch-up']);
    expect(caughtUp.code).toBe(0);
    expect(caughtUp.out).toContain('pr1: already queued');
    expect(caughtUp.out).toContain('pr2: queued as pending/20260302T040000Z-pr2.json');
    // Followed to the end here, so this run settles pr2.
    const applied = await runInProcess(['queue', 'apply', '.ckafka-queue', '--fleet', 'fleet', '--follow', '--emulator-state', repo.state], cron);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/20260302T040000Z-pr2: applied/);

    expect((await script(repo, record, ['save', 'queue pr2'])).code).toBe(0);
    const saved = await script(repo, cron, ['save', 'apply']);
    expect(saved.code).toBe(0);
    expect(saved.out).toContain('another job saved the queue first');
    // pr2 is pending (from the record job) and settled (from the scheduled run) on the branch.
    expect(queueOnRemote(repo).filter((f) => f.includes('pr2') && !f.endsWith('.status.json')).sort()).toEqual([
      expect.stringMatching(/^(applied|superseded)\/20260302T040000Z-pr2\.json$/),
      'pending/20260302T040000Z-pr2.json',
    ]);

    // The next run keeps it settled and drops the stale pending copy.
    const next = checkout(repo, 'cron-2');
    await script(repo, next, ['open']);
    const again = await runInProcess(['queue', 'apply', '.ckafka-queue', '--fleet', 'fleet', '--emulator-state', repo.state], next);
    expect(again.stderr).toMatch(/20260302T040000Z-pr2: found pending and (applied|superseded); kept it (applied|superseded)/);
    expect((await script(repo, next, ['save', 'apply'])).code).toBe(0);
    expect(queueOnRemote(repo).filter((f) => f.startsWith('pending/') && f.includes('pr2'))).toEqual([]);
  });

  it('catch-up: an expired artifact of a queued plan is fine; a merged plan that is neither queued nor downloadable fails the job', async () => {
    fs.rmSync(path.join(repo.gh, 'artifacts', 'ckafka-plan-head1'), { recursive: true });
    merged(repo, [
      { n: 1, at: '2026-03-02T03:00:00Z', head: 'head1' },
      { n: 3, at: '2026-03-02T05:00:00Z', head: 'head3' },
      { n: 4, at: '2026-03-02T06:00:00Z', head: 'head4' },
    ]);
    const job = checkout(repo, 'cron-3');
    await script(repo, job, ['open']);
    const r = await script(repo, job, ['catch-up']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('pr1: already queued');
    expect(r.out).toContain('pr3: queued as pending/20260302T050000Z-pr3.json');
    expect(r.out).toMatch(/the reviewed plan of pr4 is missing .*: a merged plan would be lost/);
    // The search asked for merges since QUEUE_SINCE into main.
    expect(fs.readFileSync(path.join(repo.gh, 'calls.log'), 'utf8')).toContain('pr list --repo acme/fleet --state merged --base main --search merged:>=2026-01-01');
  });
});
