/**
 * `ckafka emulator init`: a new emulator state, dated now, from one's own fleet files (with the
 * current specs an override gives), from a seed file, or from the built-in demo fleet. By default it
 * becomes the project's embedded emulator, the one `plan` and `apply` use without credentials.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { embeddedStatePath } from '../../cloud/embedded-state-path';
import { currentFileSchema, currentSpecSchema, stateFromFleet, type CurrentSpec } from '../../cloud/state-from-fleet';
import { readInputFile } from '../../io/read-input-file';
import { closestMatch } from '../../spec/suggest';
import { hasErrors, joinPath, type Issue } from '../../spec/issues';
import { parseYamlDocument } from '../../spec/parse-fleet';
import type { DesiredFleet } from '../../spec/types';
import { validateInstanceSpec } from '../../spec/validate';
import type { RuleIssue } from '../../spec/rules/rule';
import { mapZodIssues } from '../../spec/zod-issues';
import { boolFlag, listFlag, parseCommandArgs, stringFlag } from '../args';
import { CliError, usageError } from '../cli-error';
import type { Command } from '../main';
import { write, type Io } from '../output';
import { readInputs } from '../read-inputs';

/** Reads and checks the `--current` file against the fleet: known names, valid specs, every problem at once. */
function readCurrent(io: Io, file: string, fleet: DesiredFleet): Record<string, CurrentSpec> {
  const read = readInputFile(path.resolve(io.cwd, file), { display: file, what: 'a current-spec file', missingHint: 'pass the file of current specs (see ckafka emulator --help)' });
  if (read.issue !== undefined) throw new CliError('input', `cannot read ${file}`, [read.issue]);
  const { document, issues: syntax } = parseYamlDocument(read.text, file);
  if (document === undefined) throw new CliError('input', `invalid ${file}`, syntax);
  const place = (i: RuleIssue): Issue => {
    const loc = document.locate(i.at, i.code === 'spec/unknown-key' ? { key: true } : undefined);
    return { code: i.code, severity: i.severity, path: joinPath(...i.at), message: i.message, ...(i.hint === undefined ? {} : { hint: i.hint }), file, ...(loc === undefined ? {} : { line: loc.line, column: loc.column }) };
  };
  const parsed = currentFileSchema().safeParse(document.value, { reportInput: true });
  const allowedKeys = (p: ReadonlyArray<string | number>) => (p.length === 0 ? ['instances'] : p.length === 2 ? Object.keys(currentSpecSchema().shape) : p.length === 3 ? ['bandwidthMBps', 'diskGB'] : undefined);
  const issues: Issue[] = parsed.success ? [] : mapZodIssues(parsed.error.issues, [], { allowedKeys }).map(place);
  const raw = (document.value as { instances?: unknown } | null)?.instances;
  const names = fleet.instances.map((d) => d.name);
  for (const [name, value] of Object.entries(typeof raw === 'object' && raw !== null ? raw : {})) {
    const declared = fleet.instances.find((d) => d.name === name);
    if (declared === undefined) {
      const near = closestMatch(name, names);
      issues.push(place({ code: 'cli/unsupported-input', severity: 'error', at: ['instances', name], message: `the fleet declares no instance named "${name}"`, hint: near ? `did you mean ${near}?` : `the fleet's instances: ${names.join(', ')}` }));
      continue;
    }
    const spec = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    // The current spec must be one the cloud can run: the same rules as a declaration.
    const current = { name, edition: spec.edition ?? declared.edition, bandwidthMBps: spec.bandwidthMBps ?? declared.bandwidthMBps, diskGB: spec.diskGB ?? declared.diskGB, partitions: spec.partitions ?? declared.partitions };
    const checked = validateInstanceSpec(current, { path: joinPath('instances', name), file, locate: (p, o) => document.locate(['instances', name, ...p], o) });
    // Type errors are zod's, reported above.
    issues.push(...checked.issues.filter((i) => i.severity === 'error' && i.code !== 'spec/invalid-type' && i.code !== 'spec/unknown-edition'));
    if (typeof spec.diskUsedGB === 'number' && typeof current.diskGB === 'number' && spec.diskUsedGB > current.diskGB)
      issues.push(place({ code: 'spec/invalid-value', severity: 'error', at: ['instances', name, 'diskUsedGB'], message: `${spec.diskUsedGB} GB of data does not fit the ${current.diskGB} GB disk running now`, hint: 'give the data held now, replicas included: at most the disk' }));
    if (spec.billing === 'postpaid' && current.edition !== 'pro')
      issues.push(place({ code: 'spec/invalid-value', severity: 'error', at: ['instances', name, 'billing'], message: 'postpaid (hourly) billing is for Pro instances only', hint: 'use billing: prepaid' }));
  }
  if (hasErrors(issues) || !parsed.success) throw new CliError('input', `invalid ${file}`, issues);
  return parsed.data.instances;
}

/** `ckafka emulator init [--from-fleet <path>…] [--current <file>] [--seed <file>] [--out <file>] [--force]`. */
export const emulatorInitCommand: Command = async (argv, io) => {
  const args = parseCommandArgs('emulator init', argv, {
    'from-fleet': { type: 'string', multiple: true },
    current: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    region: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (args.positionals.length > 0) throw usageError(`ckafka emulator init takes no arguments; got ${args.positionals.join(' ')}`, 'ckafka emulator init --from-fleet <fleet files or folder>');
  const fleetPaths = listFlag(args, 'from-fleet');
  const seedFile = stringFlag(args, 'seed');
  const currentFile = stringFlag(args, 'current');
  if (fleetPaths.length > 0 && seedFile !== undefined) throw usageError('--from-fleet and --seed are two ways to start a state: pass one');
  if (currentFile !== undefined && fleetPaths.length === 0) throw usageError('--current gives the current specs of fleet instances: pass --from-fleet too');
  const now = new Date();

  const emulatorModule = await import('../../cloud/emulator');
  let state: import('../../cloud/emulator').EmulatorState;
  let what: string;
  let folder: string | undefined;
  let notes: readonly string[] = [];
  if (fleetPaths.length > 0) {
    const inputs = await readInputs(fleetPaths, io.cwd);
    if (hasErrors(inputs.issues)) throw new CliError('input', `invalid fleet files ${fleetPaths.join(', ')}`, inputs.issues);
    if (inputs.fleet.instances.length === 0) throw usageError(`${inputs.files.join(', ')} declare no instances: there is nothing to rehearse`);
    folder = inputs.folder;
    const current = currentFile === undefined ? undefined : readCurrent(io, currentFile, inputs.fleet);
    const flagRegion = stringFlag(args, 'region');
    if (flagRegion !== undefined && inputs.fleet.region !== undefined && flagRegion !== inputs.fleet.region)
      throw usageError(`--region ${flagRegion} contradicts the fleet files' region ${inputs.fleet.region}`, 'drop --region (the fleet file decides)');
    const region = inputs.fleet.region ?? flagRegion ?? io.env.TENCENTCLOUD_REGION;
    const made = stateFromFleet(inputs.fleet, { now, ...(region === undefined ? {} : { region }), ...(current === undefined ? {} : { current }) });
    state = made.state;
    notes = made.notes;
    const generated = made.instances.filter((i) => i.generated);
    if (generated.length > 0) notes = [...notes, `no instanceId declared for ${generated.map((i) => `${i.name} (given ${i.instanceId})`).join(', ')}: plans find an instance without an id by name`];
    what = `${made.instances.length} instance${made.instances.length === 1 ? '' : 's'} of ${inputs.files.join(', ')} (${made.instances.map((i) => i.name).join(', ')})`;
  } else {
    const seed = seedFile === undefined ? emulatorModule.createSeedState({ now, ...(stringFlag(args, 'region') === undefined ? {} : { region: stringFlag(args, 'region') as string }) }) : await emulatorModule.loadEmulatorState(path.resolve(io.cwd, seedFile));
    state = emulatorModule.rebaseEmulatorState(seed, now, { speed: 0, realAt: Date.now(), stepOnSleep: true });
    what = seedFile === undefined ? 'the built-in demo fleet' : `${seedFile}, re-dated to now`;
  }

  const outFlag = stringFlag(args, 'out');
  const out = outFlag === undefined ? embeddedStatePath(io.cwd, folder) : path.resolve(io.cwd, outFlag);
  const shown = path.relative(io.cwd, out) || out;
  if (fs.existsSync(out) && !boolFlag(args, 'force'))
    throw new CliError('input', `${shown} exists`, [
      { code: 'emulator/state-exists', severity: 'error', path: '', message: `${shown} exists; ckafka emulator init does not replace a state unless told to`, hint: 'pass --force to replace it (its instances and ledger are lost), or --out another file', file: shown },
    ]);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await emulatorModule.saveEmulatorState(out, state);
  for (const n of notes) write(io, 'stderr', `note: ${n}\n`);
  const embedded = outFlag === undefined;
  const rehearse = fleetPaths.length > 0 ? `ckafka plan ${fleetPaths.join(' ')}${embedded ? '' : ` --emulator-state ${shown}`}` : `ckafka plan <fleet>${embedded ? '' : ` --emulator-state ${shown}`}`;
  write(io, 'stdout', `Wrote ${what} to ${shown}${embedded ? ' (the embedded emulator of this project, used when no credentials are set)' : ''}.\nRehearse with: ${rehearse}\n`);
  return 0;
};
