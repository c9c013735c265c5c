/** Plans whose verdict was rewritten: a migration claimed away, a blocked change turned into an upgrade or given steps. */
import { entry, resummarize, claimNoMigration, type Tamper } from './plan-tamper-kit';

/** The rows of this theme; the codes and paths are what a refusal must name. */
export const VERDICT_TAMPERS: readonly Tamper[] = [
  {
    id: 'F3',
    attack: 'claim a migrating window change migrates nothing and starts now (the fleet allows that), apply --fleet',
    scenario: 'window',
    fleet: true,
    edit: claimNoMigration,
    code: 'apply/stale',
  },
  {
    id: 'F4',
    attack: 'the same while the migration assessment (DescribeModifyType) fails at apply time, apply --fleet',
    scenario: 'window',
    fleet: true,
    edit: claimNoMigration,
    meanwhile: (s) => void Object.assign(s.faults, { actions: ['DescribeModifyType'], errorRate: 1 }),
    code: 'apply/migration-unverified',
  },
  {
    id: 'F10',
    attack: 'turn a change blocked by a failing check into an upgrade with passing checks, apply --fleet',
    scenario: 'blocked',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'audit');
      p.action = 'upgrade';
      for (const c of p.checks) if (c.status === 'fail') Object.assign(c, { status: 'pass', message: 'ok' });
      p.issues = [];
      resummarize(plan);
    },
    code: 'apply/check-failed',
  },
  {
    id: 'F11',
    attack: 'give steps to a disk decrease the declaration does not allow (blocked in the plan), apply --fleet',
    scenario: 'scale-down',
    fleet: true,
    edit: (plan) => {
      const p = entry(plan, 'orders');
      p.action = 'scale-down';
      p.issues = [];
      p.steps = [
        { kind: 'change-spec', bandwidthMBps: 200, diskGB: 2000, partitions: 1400, mode: 'stable', description: 'x' },
        { kind: 'wait', until: 'migration', description: 'x' },
      ];
      resummarize(plan);
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[0].action',
  },
];
