/**
 * A validation result as a fleet, or an error that lists every problem: a test fails on the
 * declaration, with the codes and paths, rather than on an `undefined` later.
 */
import type { DesiredFleet } from '../spec/types';
import type { ValidationResult } from '../spec/validate';

/**
 * The fleet of `result` (of `parseFleet`, `readCdktfOut` or `fleetFromPulumiInputs`); throws an
 * `Error` naming each error (`code at path: message (hint)`) when there is none. Warnings do not
 * throw.
 */
export function requireFleet(result: ValidationResult<DesiredFleet>): DesiredFleet {
  if (result.value !== undefined) return result.value;
  const errors = result.issues.filter((i) => i.severity === 'error');
  const lines = errors.map((i) => `  ${i.code} at ${i.file === undefined ? '' : `${i.file}: `}${i.path || '(root)'}: ${i.message}${i.hint === undefined ? '' : ` (${i.hint})`}`);
  throw new Error(`the declarations are not valid:\n${lines.join('\n') || '  (no error was reported)'}`);
}
