/**
 * Runs after each test file, in its worker (jest.config.js `setupFilesAfterEnv`), and after each
 * member of a test group (test/support/test-groups.js).
 *
 * @pulumi/pulumi keeps an AsyncLocalStorage on the global (its runtime/state.js) and enters it
 * when a program or mock runs. Once entered, Node's async hooks stay on for the whole worker
 * process, so every promise of every later test file in that worker pays for them, although the
 * file that loaded Pulumi is gone. Disabling it when the file ends turns the hooks off again.
 */
import type { AsyncLocalStorage } from 'node:async_hooks';

/** What ends a test file: Pulumi's async context, disabled. */
export function endTestFile(): void {
  (globalThis as { asyncLocalStorage?: AsyncLocalStorage<unknown> }).asyncLocalStorage?.disable();
}

afterAll(endTestFile);
