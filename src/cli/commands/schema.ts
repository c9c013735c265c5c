import { renderFleetJsonSchema } from '../../spec/json-schema';
import { parseCommandArgs } from '../args';
import { usageError } from '../cli-error';
import type { Command } from '../command';
import { write } from '../output';

/** `ckafka schema`: prints the fleet file's JSON Schema. */
export const schemaCommand: Command = async (argv, io) => {
  const args = parseCommandArgs('schema', argv, {});
  if (args.positionals.length > 0) throw usageError(`ckafka schema takes no arguments; got ${args.positionals.join(' ')}`);
  write(io, 'stdout', renderFleetJsonSchema());
  return 0;
};
