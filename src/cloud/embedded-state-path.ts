/**
 * Where the embedded emulator keeps its state: one file per project, so that `ckafka plan` run
 * from a subfolder, or with the fleet file's path from elsewhere, uses the same simulated cloud as
 * `ckafka apply` run from the repository's root. The project is the git work tree holding the
 * fleet files (else the one holding the working directory); outside git, the working directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the state lives inside its project folder. */
export const EMBEDDED_STATE_FILE = path.join('.ckafka', 'emulator-state.json');

/** The root of the git work tree holding `dir` (the nearest folder with a `.git` folder or file), or `undefined`. */
export function gitRootOf(dir: string): string | undefined {
  let at = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(at, '.git'))) return at;
    const up = path.dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/**
 * The embedded emulator's state file: `.ckafka/emulator-state.json` at the git root of `from`
 * (the folder of the fleet files), else at the git root of `cwd`, else in `cwd`.
 */
export function embeddedStatePath(cwd: string, from?: string): string {
  const root = (from === undefined ? undefined : gitRootOf(path.resolve(cwd, from))) ?? gitRootOf(cwd) ?? path.resolve(cwd);
  return path.join(root, EMBEDDED_STATE_FILE);
}
