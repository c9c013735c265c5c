/**
 * The attacks on the files ckafka writes (docs/reliability.md, Attacks): a disk that fills up mid-write (B5, B13),
 * a writer stalled past the lock's stale age (B6), kill -9 loops during writes (B13, B14) and
 * symbolic links in place of its files (B13, B17). Each runs the real CLI as child processes in
 * its own folder under `dir`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmulator, createSeedState, createVirtualClock, startEmulatorServer } from '../../src/cloud/emulator';
import { hostTag } from '../../src/io/process-owner';
import { registerChild } from './children';
import { cleanEnv, cloudEnv } from './env';
import { IDS, cli, paymentsFleet, seedState, startCli, writeState, type Attack } from './attack-kit';
import { ROOT, TS_REGISTER } from './run-process';
import { STALL_MARK_SEED } from './stall-holder';

function folder(dir: string, name: string): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** A folder with the seed fleet's state in `file`, and a fleet file raising payments to 160 MB/s. */
async function seeded(dir: string, name: string, file = 'state.json'): Promise<{ d: string; state: string }> {
  const d = folder(dir, name);
  const state = path.join(d, file);
  await writeState(state, seedState());
  fs.writeFileSync(path.join(d, 'ckafka.yaml'), paymentsFleet(160));
  return { d, state };
}

/** Temporary files (`*.tmp`) anywhere under `d`. */
function temporaryFiles(d: string): string[] {
  return fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.tmp'));
}

/** The pid of a process that has exited. */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.once('exit', r));
  return child.pid ?? 0;
}

function firstError(stderr: string): string {
  return /error ([a-z]+\/[a-z-]+)/.exec(stderr)?.[1] ?? (stderr.trim().split('\n')[0] ?? '').slice(0, 80);
}

const fullDiskState: Attack = {
  id: 'B5',
  what: '`ckafka status --emulator-state` on a nearly full disk (ulimit -f: the kernel cuts the state write short, then refuses)',
  async run(dir) {
    const { d, state } = await seeded(dir, 'b5');
    const before = fs.readFileSync(state);
    const r = await cli(['status', '--emulator-state', state], { cwd: d, fileSizeBlocks: 8 });
    const after = fs.readFileSync(state);
    const intact = after.equals(before);
    const held = r.code === 1 && r.stderr.includes('emulator/state-io') && intact && temporaryFiles(d).length === 0;
    return { held, observed: `exit ${r.code}, ${firstError(r.stderr)}; state ${intact ? `intact (${before.length} bytes)` : `changed: ${before.length} → ${after.length} bytes`}` };
  },
};

const stalledWriter: Attack = {
  id: 'B6',
  what: 'a process stalls 3 s inside a state transaction, its lock back-dated 60 s (past the 30 s stale age); `ckafka apply` meanwhile',
  async run(dir) {
    const { d, state } = await seeded(dir, 'b6');
    const env = cleanEnv();
    const planned = await cli(['plan', 'ckafka.yaml', '--emulator-state', state, '--out', 'plan.json'], { cwd: d, env });
    if (planned.code !== 0) return { held: false, observed: `plan failed: ${firstError(planned.stderr)}` };
    const marker = path.join(d, 'held');
    const holder = registerChild(spawn(process.execPath, ['-r', TS_REGISTER, path.join(__dirname, 'stall-holder.ts'), state, marker, '3000'], { cwd: ROOT, stdio: 'ignore' }));
    const holderDone = new Promise<number | null>((resolve) => holder.once('close', resolve));
    while (!fs.existsSync(marker)) await new Promise((r) => setTimeout(r, 10));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${state}.lock`, old, old);
    const started = Date.now();
    const applied = await cli(['apply', 'plan.json', '--emulator-state', state, '--poll-interval', '10m'], { cwd: d, env });
    const waited = Date.now() - started;
    const holderCode = await holderDone;
    const final = JSON.parse(fs.readFileSync(state, 'utf8')) as { faults: { seed: number }; submissions: { instanceId: string }[] };
    const kept = final.faults.seed === STALL_MARK_SEED;
    const submitted = final.submissions.filter((s) => s.instanceId === IDS.payments).length;
    const held = applied.code === 0 && holderCode === 0 && kept && submitted === 1;
    return {
      held,
      observed: `apply exit ${applied.code} after ${waited} ms; the stalled holder's write ${kept ? 'kept' : 'LOST'}; apply's submission in the ledger ${submitted} time(s)`,
    };
  },
};

const planOutOnFullDisk: Attack = {
  id: 'B13',
  what: '`plan --out` over a reviewed plan on a nearly full disk; `--out` onto a symbolic link; kill -9 during `plan --out`, 15 times',
  async run(dir) {
    const d = folder(dir, 'b13');
    const credentials = { secretId: 'AKIDattackCanaryId00000000000000', secretKey: 'attackCanarySecretKey00000000' };
    // The cloud is an HTTP emulator in this process: the CLI writes the plan and nothing else.
    // It checks no signatures (this row is not about them), so an older build can be attacked too.
    const em = createEmulator({ state: createSeedState({ now: new Date() }), clock: createVirtualClock({ speed: 1 }) });
    const server = await startEmulatorServer({ emulator: em });
    const notes: string[] = [];
    let held = true;
    try {
      fs.writeFileSync(path.join(d, 'ckafka.yaml'), paymentsFleet(160));
      const env = cloudEnv(credentials);
      const args = ['plan', 'ckafka.yaml', '--endpoint', server.url, '--out', 'plan.json'];
      if ((await cli(args, { cwd: d, env })).code !== 0) return { held: false, observed: 'the first plan failed' };
      const reviewed = fs.readFileSync(path.join(d, 'plan.json'));
      const full = await cli(args, { cwd: d, env, fileSizeBlocks: 2 });
      const intact = fs.readFileSync(path.join(d, 'plan.json')).equals(reviewed);
      held &&= full.code === 1 && full.stderr.includes('cli/write-failed') && intact;
      notes.push(`full disk: exit ${full.code}, ${firstError(full.stderr)}, plan ${intact ? 'intact' : 'CHANGED'}`);
    } finally {
      await server.close();
      await em.close();
    }

    const victim = path.join(d, 'victim.txt');
    fs.writeFileSync(victim, 'do not overwrite\n');
    fs.mkdirSync(path.join(d, 'link'), { recursive: true });
    fs.copyFileSync(path.join(d, 'ckafka.yaml'), path.join(d, 'link', 'ckafka.yaml'));
    fs.symlinkSync(victim, path.join(d, 'link', 'plan.json'));
    const linked = await cli(['plan', 'ckafka.yaml', '--emulator-state', path.join(d, 'link', 'state.json'), '--out', 'plan.json'], { cwd: path.join(d, 'link') });
    const victimKept = fs.readFileSync(victim, 'utf8') === 'do not overwrite\n' && fs.lstatSync(path.join(d, 'link', 'plan.json')).isSymbolicLink();
    held &&= linked.code === 1 && linked.stderr.includes('cli/write-failed') && victimKept;
    notes.push(`symlink: exit ${linked.code}, ${firstError(linked.stderr)}, target ${victimKept ? 'untouched' : 'OVERWRITTEN'}`);

    const { d: k, state } = await seeded(dir, 'b13-kill');
    let corrupt = 0;
    let killed = 0;
    for (let i = 0; i < 15; i++) {
      const r = await startCli(['plan', 'ckafka.yaml', '--emulator-state', state, '--out', 'plan.json'], { cwd: k, killAfterMs: 150 + Math.floor(Math.random() * 900) }).done;
      if (r.signal === 'SIGKILL') killed += 1;
      for (const f of ['plan.json', 'state.json']) {
        const file = path.join(k, f);
        if (!fs.existsSync(file)) continue;
        try {
          JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch {
          corrupt += 1;
        }
      }
    }
    held &&= corrupt === 0;
    notes.push(`kill -9: ${killed} of 15 killed mid-run, ${corrupt} cut-off files`);
    return { held, observed: notes.join('; ') };
  },
};

const temporaryLeftovers: Attack = {
  id: 'B14',
  what: 'kill -9 loops (20 `plan --out` killed mid-run), plus temporary files of dead writers in both namings, left beside the state',
  async run(dir) {
    const { d, state } = await seeded(dir, 'b14');
    let seen = 0;
    for (let i = 0; i < 20; i++) {
      await startCli(['plan', 'ckafka.yaml', '--emulator-state', state, '--out', 'plan.json'], { cwd: d, killAfterMs: 100 + Math.floor(Math.random() * 700) }).done;
      seen = Math.max(seen, temporaryFiles(d).length);
    }
    // A kill lands inside a write's few milliseconds only now and then: leave what it leaves, as
    // this version and the first one name it, for a writer that is certainly dead.
    const dead = await exitedPid();
    fs.writeFileSync(path.join(d, `.state.json.${hostTag()}.${dead}.0badc0de.tmp`), '{"formatVersion": 2, "revi');
    fs.writeFileSync(path.join(d, `state.json.${dead}.0badc0de.tmp`), '{"formatVersion": 1, "regi');
    seen = Math.max(seen, temporaryFiles(d).length);
    const after = await cli(['plan', 'ckafka.yaml', '--emulator-state', state, '--out', 'plan.json'], { cwd: d });
    const left = temporaryFiles(d);
    return { held: after.code === 0 && left.length === 0, observed: `${seen} temporary file(s) of dead writers beside the state; ${left.length} after the next write` };
  },
};

const symlinkedState: Attack = {
  id: 'B17',
  what: '`--emulator-state` that is a symbolic link to another state file',
  async run(dir) {
    const { d, state: real } = await seeded(dir, 'b17', 'real-state.json');
    const before = fs.readFileSync(real);
    const link = path.join(d, 'state.json');
    fs.symlinkSync(real, link);
    const r = await cli(['status', '--emulator-state', link], { cwd: d });
    const stillLink = fs.lstatSync(link).isSymbolicLink();
    const intact = fs.readFileSync(real).equals(before);
    const lockOnLink = fs.existsSync(`${link}.lock`);
    return {
      held: r.code === 1 && r.stderr.includes('emulator/state-io') && stillLink && intact && !lockOnLink,
      observed: `exit ${r.code}, ${firstError(r.stderr)}; link ${stillLink ? 'kept' : 'REPLACED by a plain file'}, target ${intact ? 'unchanged' : 'CHANGED'}`,
    };
  },
};

/** The file attacks, in the issue's order. */
export const FILE_ATTACKS: readonly Attack[] = [fullDiskState, stalledWriter, planOutOnFullDisk, temporaryLeftovers, symlinkedState];
