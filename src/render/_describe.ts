/**
 * Plan facts in words for code outside render/ (the Pulumi provider's diagnostics), so every
 * front end says a migration, a schedule or a cost the way the renderers do. Each is in its own
 * module; render/ imports those directly.
 */
export { describeCost, type CostWords } from './describe-cost';
export { describeMigration, type MigrationWords } from './describe-migration';
export { describeSchedule, type ScheduleWords } from './describe-schedule';
