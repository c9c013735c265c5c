export * from './apply-types';
export { applyPlan, finishApply, type ApplyOptions } from './apply-plan';
export { loadPlan, type LoadedPlan } from './load-plan';
export { gatherFacts, planWithCloud, describeQueryFor, type PlanWithCloudOptions } from './plan-with-cloud';
export { scheduleGate, type Gate } from './schedule-gate';
export { staleness } from './staleness';
export { Tracker, type TrackOutcome, type TrackRequest, type TrackerOptions } from './tracker';
export { verifyPlanAgainstFleet } from './verify-plan-against-fleet';
