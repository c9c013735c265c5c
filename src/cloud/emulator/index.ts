/**
 * The CKafka emulator: a simulation of the CKafka API for one region at the wire level, with a
 * virtual clock, fault injection, a JSON state file shared by processes, an in-process transport
 * for the cloud adapter and an HTTP server speaking Tencent Cloud API 3.0. See docs/emulator.md.
 *
 * This module graph stays light (no SDK, cdktf or Pulumi): the CLI loads it on every run.
 */
export { ApiError, EmulatorStateError, type EmulatorStateErrorCode } from './api-error';
export { ACTION_NAMES, CKAFKA_API_VERSION, WRITE_ACTIONS, formatBeijingTime, isKnownAction, runWireAction, type ActionName } from './actions';
export {
  createEmulator,
  EmulatorFaultError,
  type CallTiming,
  type ConsoleChange,
  type DispatchOutcome,
  type Emulator,
  type EmulatorOptions,
  type ExecuteResult,
} from './emulator';
export { createInProcessTransport, EmulatorTransportError, type InProcessTransportOptions } from './in-process-transport';
export { advanceState, type OpContext } from './engine';
export { drawFault, rateLimitOf, type FaultDecision, type FaultKind } from './faults';
export { acquireFileLock, isProcessAlive, releaseFileLock, withFileLock, type FileLockOptions } from './file-lock';
export {
  BYTES_PER_GB,
  BYTES_PER_MB,
  MIGRATION_MODEL,
  capacityAfterMigration,
  copyRateMBps,
  estimateChangeSeconds,
  needsMigration,
  stallsMigration,
  type SpecNumbers,
} from './migration-model';
export { createSeedState, type SeedStateOptions } from './seed-state';
export {
  SEED_ASSUMPTIONS,
  seedFromDeclarations,
  seedStateFromDeclarations,
  type DeclaredInstanceSeed,
  type InstanceDeclaration,
  type SeedAssumed,
  type SeededInstance,
  type SeededState,
  type SeedFromDeclarationsOptions,
} from './seed-from-declarations';
export { rebaseEmulatorState } from './rebase-state';
export { isSealedEmulatorState, sealEmulatorState } from './seal-emulator-state';
export { loadEmulatorState, parseEmulatorState, readEmulatorStateFile, saveEmulatorState } from './state-file';
export {
  DOCUMENTED_RATE_LIMITS,
  EMULATOR_STATE_FORMAT_VERSION,
  defaultFaults,
  emulatorStateSchema,
  renderEmulatorStateJsonSchema,
  type EmulatorState,
  type Faults,
  type InstanceState,
  type PendingTaskState,
  type RouteState,
  type Submission,
  type TaskState,
  type TopicState,
  type ZoneState,
} from './state-schema';
export {
  EMULATOR_SERVER_HOSTS,
  MAX_BODY_BYTES,
  runEmulatorServe,
  startEmulatorServer,
  type EmulatorCredentials,
  type EmulatorServeOptions,
  type EmulatorServer,
  type EmulatorServerOptions,
} from './server';
export { createReplayGuard, type ReplayGuard, type ReplayGuardOptions } from './replay-guard';
export { EMULATOR_HOSTNAME, createLoopbackAgent } from '../loopback-agent';
export {
  buildCanonicalRequest,
  buildStringToSign,
  checkTc3Headers,
  computeTc3Signature,
  isTc3Failure,
  verifyTc3Signature,
  TC3_SERVICE,
  type Tc3Checked,
  type Tc3Policy,
  parseTc3Authorization,
  sha256Hex,
  signTc3Request,
  tc3Date,
  verifyTc3Request,
  TC3_ALGORITHM,
  type CanonicalRequestInput,
  type ReceivedRequest,
  type SignTc3Options,
  type Tc3Authorization,
  type Tc3Failure,
} from './tc3';
export { createManualClock, createVirtualClock, restoreVirtualClock, type ClockState, type VirtualClock, type VirtualClockOptions } from './virtual-clock';
