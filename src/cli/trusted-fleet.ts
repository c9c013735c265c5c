/**
 * The fleet files of the trusted branch (`--fleet`), read for checking plans that came from a
 * less trusted place (a pull request's CI job) before anything touches the cloud.
 */
import { hasErrors } from '../spec/issues';
import type { DesiredFleet } from '../spec/types';
import { CliError } from './cli-error';
import type { Io } from './output';
import { readInputs } from './read-inputs';

/** Reads `paths` as one fleet; invalid files are an input error. */
export async function readTrustedFleet(io: Io, paths: readonly string[]): Promise<DesiredFleet> {
  const inputs = await readInputs(paths, io.cwd);
  if (hasErrors(inputs.issues)) throw new CliError('input', `invalid fleet files ${paths.join(', ')}`, inputs.issues);
  return inputs.fleet;
}
