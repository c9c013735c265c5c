/**
 * The contract of the `CkafkaCloud` port as scenarios (reads, writes, preflights, errors and faults,
 * partial failures: one module each beside this one), each run on a fresh emulator from the same
 * state and the same stopped clock:
 *
 * - `describeCloudContract(name, factory)` runs every scenario on the adapter over one transport
 *   and checks its result against what the contract says (units, codes, statuses, the ledger of
 *   writes);
 * - `describeCloudParity(name, a, b)` runs every scenario over both transports and deep-compares
 *   the results and the API calls each made, action by action: one adapter, so the same calls.
 *   Request ids aside (the HTTP front answers a bad signature outside the emulator's count).
 *   Errors compare by what callers act on: `kind`, `code`, `httpCode`.
 */
import { contractState } from './_contract-state';
import { ERROR_CASES, FAULT_SCENARIOS, errorScenario } from './_error-scenarios';
import { withFront, withoutRequestIds, type FrontFactory } from './_fronts';
import { PARTIAL_FAILURE_SCENARIOS } from './_partial-failure-scenarios';
import { PREFLIGHT_IDS, preflightScenario } from './_preflight-scenarios';
import { READ_SCENARIOS } from './_read-scenarios';
import type { Scenario } from './_scenario';
import { WRITE_SCENARIOS } from './_write-scenarios';

function allScenarios(): Scenario[] {
  return [...READ_SCENARIOS, ...WRITE_SCENARIOS, ...PREFLIGHT_IDS.map(preflightScenario), ...ERROR_CASES.map(errorScenario), ...FAULT_SCENARIOS, ...PARTIAL_FAILURE_SCENARIOS];
}

async function runOn(s: Scenario, factory: FrontFactory): Promise<unknown> {
  return withFront(factory, { state: (s.state ?? contractState)() }, (front) => s.run(front));
}

/** The result, and the API calls the emulator answered, by action. */
async function runCounted(s: Scenario, factory: FrontFactory): Promise<{ result: unknown; calls: Record<string, number> }> {
  return withFront(factory, { state: (s.state ?? contractState)() }, async (front) => {
    const before = front.em.snapshot('calls');
    const result = await s.run(front);
    const after = front.em.snapshot('calls');
    const calls = Object.fromEntries(Object.keys(after).sort().map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]).filter(([, n]) => n !== 0));
    return { result, calls };
  });
}

/** Runs every scenario on the adapter `factory` builds, checking each result against the contract. */
export function describeCloudContract(name: string, factory: FrontFactory): void {
  const kind = factory.kind;
  describe(`CkafkaCloud contract: ${name}`, () => {
    for (const s of allScenarios()) {
      it(s.name, async () => {
        s.check(await runOn(s, factory), kind);
      });
    }
  });
}

/** Runs every scenario over both transports, each on a fresh emulator, and deep-compares the results and the calls made. */
export function describeCloudParity(name: string, a: FrontFactory, b: FrontFactory): void {
  describe(`CkafkaCloud parity: ${name}`, () => {
    for (const s of allScenarios()) {
      it(`${s.name}: same result and same calls on both`, async () => {
        const [ra, rb] = [await runCounted(s, a), await runCounted(s, b)];
        if (s.cancelsInFlight === true) expect(withoutRequestIds(rb.result)).toStrictEqual(withoutRequestIds(ra.result));
        else expect(withoutRequestIds(rb)).toStrictEqual(withoutRequestIds(ra));
      });
    }
  });
}
