/** The front ends' check for their optional peer dependencies (the packed install covers the real thing). */
import { MissingPeerDependencyError, requirePeers } from '../src/require-peers';

const only = (present: readonly string[]) => (name: string) => {
  if (present.includes(name)) return `/node_modules/${name}/index.js`;
  throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
};

describe('requirePeers', () => {
  it('passes when every peer resolves', () => {
    expect(() => requirePeers('ckafka-iac/cdktf', ['cdktf', 'constructs'], only(['cdktf', 'constructs']))).not.toThrow();
  });

  it.each([
    [['constructs'], ['cdktf'], 'ckafka-iac/cdktf needs cdktf, an optional peer dependency of ckafka-iac that is not installed; install it with: npm install -D cdktf@"^0.21.0"'],
    [[], ['cdktf', 'constructs'], 'ckafka-iac/cdktf needs cdktf and constructs, optional peer dependencies of ckafka-iac that are not installed; install them with: npm install -D cdktf@"^0.21.0" constructs@"^10.4.2"'],
  ])('with %j installed, names %j and the command with the supported ranges from package.json', (present, missing, message) => {
    let error: unknown;
    try {
      requirePeers('ckafka-iac/cdktf', ['cdktf', 'constructs'], only(present));
    } catch (e) {
      error = e;
    }
    expect(MissingPeerDependencyError.isMissingPeerDependencyError(error)).toBe(true);
    expect((error as MissingPeerDependencyError).missing).toEqual(missing);
    expect((error as Error).message).toBe(message);
  });
});
