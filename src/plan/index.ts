/**
 * The pure upgrade planner: (desired, observed, facts, {now}) → Plan.
 */
export * from './types';
export { planFleet, type PlanOptions } from './plan-fleet';
export { matchInstances, type InstanceMatch } from './match-instances';
export { specChanges, isScaleDown, SPEC_UNITS } from './spec-changes';
export { nextWindowOpening, windowProblem, type WindowOpening } from './next-window-opening';
export { estimateMigration, estimateMigrationSeconds, ESTIMATE_MODEL, type MigrationInput } from './estimate-migration';
export { costOfChange, HOURS_PER_MONTH, DAYS_PER_MONTH, type CostInput } from './cost-of-change';
export { runChecks, NEW_BROKER_MAX_MESSAGE_BYTES, HIGH_SPEED_LOAD_SHARE, type CheckContext } from './run-checks';
export { fingerprintObserved } from './fingerprint-observed';
export { digestPlan, verifyPlanDigest } from './digest-plan';
export { summarizePlan } from './summarize-plan';
export { formatDuration, formatMoney, formatSignedMoney, formatNumber } from './words';
