/**
 * What every `ckafka` command is: it parses its own arguments, writes its output and returns the
 * exit code. `main.ts` loads commands by name; commands import nothing from `main.ts` or from
 * each other.
 */
import type { Io } from './output';

/** A command: parses its own arguments, writes its output, returns the exit code. */
export type Command = (argv: readonly string[], io: Io) => Promise<number>;
