import { describeOvernightWindows } from '../../spec/describe-overnight-windows';
import { hasErrors, sortIssues } from '../../spec/issues';
import { boolFlag, choiceFlag, nowFlag, parseCommandArgs, stringFlag } from '../args';
import type { Command } from '../command';
import { colorFor, formatIssues, write } from '../output';
import { readInputs } from '../read-inputs';

/** `ckafka validate [paths…]`: offline checks of fleet files. */
export const validateCommand: Command = async (argv, io) => {
  const args = parseCommandArgs('validate', argv, { format: { type: 'string' }, now: { type: 'string' } });
  const format = choiceFlag(args, 'format', ['text', 'json'] as const, 'text');
  const now = nowFlag(stringFlag(args, 'now')) ?? new Date();
  const inputs = await readInputs(args.positionals, io.cwd, now);
  const ok = !hasErrors(inputs.issues);
  const notes = ok ? describeOvernightWindows(inputs.fleet).map((n) => ({ kind: 'overnight-window' as const, instances: n.instances, message: n.message })) : [];
  if (format === 'json') {
    write(io, 'stdout', `${JSON.stringify({ valid: ok, files: inputs.files, instances: ok ? inputs.fleet.instances.length : null, issues: sortIssues(inputs.issues), notes }, null, 2)}\n`);
  } else {
    const color = colorFor(io.stderr, io.env, boolFlag(args, 'no-color'));
    if (inputs.issues.length > 0) write(io, 'stderr', `${formatIssues(inputs.issues, color)}\n`);
    for (const n of notes) write(io, 'stderr', `info: ${n.message}\n`);
    const n = inputs.fleet.instances.length;
    const warnings = inputs.issues.filter((i) => i.severity === 'warning').length;
    write(
      io,
      ok ? 'stdout' : 'stderr',
      ok
        ? `valid: ${n} instance${n === 1 ? '' : 's'} in ${inputs.files.join(', ')}${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}\n`
        : `invalid: ${inputs.issues.filter((i) => i.severity === 'error').length} error(s) in ${inputs.files.join(', ') || args.positionals.join(', ') || 'the current folder'}\n`,
    );
  }
  return ok ? 0 : 1;
};
