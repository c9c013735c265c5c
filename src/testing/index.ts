/**
 * `ckafka-iac/testing`: the CKafka emulator and helpers for a team's own unit tests. Plan a fleet
 * file, a synthesized cdktf app or a set of Pulumi inputs against an in-memory emulator seeded
 * from the declarations, and assert on the plan, as cdk8s users call `Testing.synth()`. See
 * docs/testing.md.
 *
 * The root entry point (`ckafka-iac`) does not load any of this: the test double stays out of
 * production code.
 *
 * ```ts
 * import { planAgainstEmulator, requireFleet } from 'ckafka-iac/testing';
 * ```
 */
export { createTestCloud, type TestCloud, type TestCloudOptions } from './create-test-cloud';
export { planAgainstEmulator, type PlanAgainstEmulatorOptions } from './plan-against-emulator';
export { fleetFromPulumiInputs, type FleetFromPulumiInputsOptions } from './fleet-from-pulumi-inputs';
export { requireFleet } from './require-fleet';
export { readCdktfOut, type ReadCdktfOutOptions } from '../cdktf/read-cdktf-out';
export { createEmulatedCloud, type EmulatedCloudOptions } from '../cloud/emulated-cloud';
export {
  createEmulator,
  createManualClock,
  createSeedState,
  createVirtualClock,
  loadEmulatorState,
  saveEmulatorState,
  SEED_ASSUMPTIONS,
  seedFromDeclarations,
  seedStateFromDeclarations,
  startEmulatorServer,
  type DeclaredInstanceSeed,
  type Emulator,
  type EmulatorOptions,
  type EmulatorServer,
  type EmulatorServerOptions,
  type EmulatorState,
  type Faults,
  type InstanceDeclaration,
  type SeedAssumed,
  type SeededInstance,
  type SeededState,
  type SeedFromDeclarationsOptions,
  type SeedStateOptions,
  type Submission,
  type VirtualClock,
  type VirtualClockOptions,
} from '../cloud/emulator';
