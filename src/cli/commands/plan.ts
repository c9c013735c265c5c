import * as path from 'node:path';
import { planWithCloud } from '../../apply/plan-with-cloud';
import { WriteFileError, writeFileDurably } from '../../io/write-file-durably';
import { renderJson } from '../../render/render-json';
import { cliRemedyWords } from '../remedy-words';
import { hasErrors, type IssueCode } from '../../spec/issues';
import { boolFlag, choiceFlag, CLOUD_FLAGS, nowFlag, parseCommandArgs, stringFlag } from '../args';
import { CliError, usageError } from '../cli-error';
import type { Command } from '../command';
import { colorFor, formatIssues, write, type Io } from '../output';
import { readInputs } from '../read-inputs';
import { selectCloud } from '../select-cloud';

/** Issues that mean the declaration names no instance of the cloud: input errors, exit 1. */
const UNKNOWN_INSTANCE: readonly IssueCode[] = ['plan/instance-not-found', 'plan/instance-name-ambiguous'];

/** A link to the CI run, when GitHub Actions says where it is. */
export function runUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

/**
 * Writes an output file through the durable writer (creating its folder), with a clear error
 * when it cannot; a failed write leaves the previous file as it was, and a symbolic link is
 * refused rather than written through.
 */
export function writeOutputFile(io: Io, file: string, text: string): void {
  try {
    writeFileDurably(path.resolve(io.cwd, file), text);
  } catch (e) {
    if (!WriteFileError.isWriteFileError(e)) throw e;
    const hint =
      e.failure === 'symlink'
        ? 'give the path of a real file, or remove the link'
        : e.failure === 'not-a-file'
          ? 'give the path of a file'
          : e.errno === 'ENOSPC' || e.errno === 'EDQUOT' || e.errno === 'EFBIG'
            ? 'free some space and run the command again'
            : 'check the folder exists and is writable';
    throw new CliError('input', e.message, [{ code: 'cli/write-failed', severity: 'error', path: '', message: e.message, hint, file }], hint);
  }
}

/** `ckafka plan [paths…]`: observe, plan, save and render. */
export const planCommand: Command = async (argv, io) => {
  const args = parseCommandArgs('plan', argv, {
    format: { type: 'string' },
    out: { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
    now: { type: 'string' },
    marker: { type: 'string' },
    ...CLOUD_FLAGS,
  });
  const format = choiceFlag(args, 'format', ['text', 'markdown', 'json'] as const, 'text');
  const now = nowFlag(stringFlag(args, 'now'));
  const color = colorFor(io.stdout, io.env, boolFlag(args, 'no-color'));
  const errColor = colorFor(io.stderr, io.env, boolFlag(args, 'no-color'));

  // `at` times are judged against the plan's clock by the planner; offline, only with --now.
  const inputs = await readInputs(args.positionals, io.cwd, now);
  if (hasErrors(inputs.issues)) throw new CliError('input', `invalid input in ${inputs.files.join(', ') || args.positionals.join(', ') || 'the current folder'}`, inputs.issues);
  const warnings = inputs.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0 && format !== 'json') write(io, 'stderr', `${formatIssues(warnings, errColor)}\n`);

  const flagRegion = stringFlag(args, 'region');
  if (flagRegion !== undefined && inputs.fleet.region !== undefined && flagRegion !== inputs.fleet.region)
    throw usageError(`--region ${flagRegion} contradicts the fleet files' region ${inputs.fleet.region}`, 'drop --region (the fleet file decides), or plan a fleet file of that region');
  const region = flagRegion ?? inputs.fleet.region;
  const selected = await selectCloud(io, {
    ...(stringFlag(args, 'endpoint') === undefined ? {} : { endpoint: stringFlag(args, 'endpoint') as string }),
    ...(stringFlag(args, 'emulator-state') === undefined ? {} : { emulatorState: stringFlag(args, 'emulator-state') as string }),
    ...(boolFlag(args, 'emulator') ? { emulator: true } : {}),
    ...(region === undefined ? {} : { region }),
    ...(inputs.emulatorSeed === undefined ? {} : { seed: inputs.emulatorSeed }),
    ...(inputs.folder === undefined ? {} : { projectDir: inputs.folder }),
  });
  try {
    const plan = await planWithCloud(inputs.fleet, selected.cloud, now === undefined ? {} : { now });
    // A new user's own instances are not in the embedded emulator's demo fleet: say how to put them there.
    const missing = selected.emulator === undefined ? 0 : plan.instances.filter((i) => i.issues.some((x) => x.code === 'plan/instance-not-found')).length;
    if (missing > 0)
      write(
        io,
        'stderr',
        `note: ${missing} declared instance${missing === 1 ? ' is' : 's are'} not in this emulator; to rehearse on your own fleet, write it there: ckafka emulator init --from-fleet ${args.positionals.join(' ') || '.'}${selected.emulator === 'named' ? ` --out ${stringFlag(args, 'emulator-state') ?? ''}` : ''} --force\n`,
      );
    // A declaration that names no instance of the cloud is an input error (a typo in an id), not
    // a state of the cloud to review: the job fails, whatever --detailed-exitcode says.
    const unknown = plan.instances.flatMap((p) => p.issues.filter((i) => UNKNOWN_INSTANCE.includes(i.code)));
    if (unknown.length > 0)
      throw new CliError('input', `${unknown.length === 1 ? 'an instance' : `${unknown.length} instances`} of ${inputs.files.join(', ') || 'the declaration'} not found in ${selected.cloud.region}`, unknown);
    const out = stringFlag(args, 'out');
    if (out !== undefined) {
      writeOutputFile(io, out, renderJson(plan));
      write(io, 'stderr', `Plan saved to ${out}; apply it with: ckafka apply ${out}\n`);
    }
    const marker = stringFlag(args, 'marker');
    const runUrl = runUrlFrom(io.env);
    // Only the chosen format's renderer is loaded.
    const rendered =
      format === 'json'
        ? renderJson(plan)
        : format === 'markdown'
          ? (await import('../../render/render-markdown')).renderMarkdown(plan, { remedyWords: cliRemedyWords, ...(marker === undefined ? {} : { marker }), ...(runUrl === undefined ? {} : { runUrl }) })
          : (await import('../../render/render-text')).renderText(plan, { color, remedyWords: cliRemedyWords });
    write(io, 'stdout', rendered.endsWith('\n') ? rendered : `${rendered}\n`);
    // A blocked instance is a planned outcome, not a failure to plan: the plan shows it (red in the
    // PR comment) and apply refuses it. It counts as a difference for --detailed-exitcode.
    return boolFlag(args, 'detailed-exitcode') && (plan.summary.hasChanges || plan.summary.blocked > 0) ? 2 : 0;
  } finally {
    await selected.close();
  }
};
