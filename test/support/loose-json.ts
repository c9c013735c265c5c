/**
 * JSON a test reads back and inspects by path: a wire answer, a synthesized stack, a plan edited as
 * an attacker would, a workflow file. Its shape is what the expectations assert, so declaring it
 * here would restate the model under test.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field at any depth, checked by the expectations
export type LooseJson = any;
