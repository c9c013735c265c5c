/**
 * The front ends for cdktf and Pulumi build on packages a CLI user does not need, so ckafka-iac
 * declares them as optional peer dependencies. Each front end's entry point checks for them
 * first and names what to install, instead of failing deep inside with "Cannot find module".
 */

const BRAND = Symbol.for('ckafka-iac.MissingPeerDependencyError');

/** An entry point was loaded without the optional peer dependencies it builds on. */
export class MissingPeerDependencyError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'MissingPeerDependencyError';
  constructor(
    /** The entry point, e.g. `ckafka-iac/cdktf`. */
    readonly entry: string,
    /** The packages that could not be found. */
    readonly missing: readonly string[],
    /** The command that installs them, with the versions ckafka-iac supports. */
    readonly install: string,
  ) {
    const one = missing.length === 1;
    super(`${entry} needs ${missing.join(' and ')}, ${one ? 'an optional peer dependency' : 'optional peer dependencies'} of ckafka-iac that ${one ? 'is' : 'are'} not installed; install ${one ? 'it' : 'them'} with: ${install}`);
  }

  static isMissingPeerDependencyError(x: unknown): x is MissingPeerDependencyError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
  }
}

function supportedRange(name: string): string | undefined {
  // The ranges live once, in package.json; the message quotes them so it cannot go stale.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is outside rootDir, so not importable
  const pkg = require('../package.json') as { peerDependencies?: Record<string, string> };
  return pkg.peerDependencies?.[name];
}

/**
 * Throws {@link MissingPeerDependencyError} unless every package in `names` resolves from
 * ckafka-iac's own location (where Node will look when the entry point requires it).
 *
 * @param resolve How to resolve a package name. @default require.resolve
 */
export function requirePeers(entry: string, names: readonly string[], resolve: (name: string) => string = require.resolve): void {
  const missing = names.filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  const specs = missing.map((name) => {
    const range = supportedRange(name);
    return range === undefined ? name : `${name}@"${range}"`;
  });
  throw new MissingPeerDependencyError(entry, missing, `npm install -D ${specs.join(' ')}`);
}
