/** Plans pointed at another instance or region: another instance's id or harvested state, a renamed or twin instance, an extra entry, no observed state, a changed or null region. */
import { entry, resummarize, graft, rename, type Tamper } from './plan-tamper-kit';
import { ID } from './plan-tamper-scenarios';

/** The rows of this theme; the codes and paths are what a refusal must name. */
export const IDENTITY_TAMPERS: readonly Tamper[] = [
  {
    id: 'B2a',
    attack: "an entry declared by name pointed at another instance: its id, its observed spec, fingerprint \"\", apply --fleet",
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => {
      const p = entry(plan, 'orders');
      const victim = entry(attacker, 'payments');
      Object.assign(p, { instanceId: victim.instanceId, fingerprint: '' });
      p.observed.spec = victim.observed.spec;
      p.changes = victim.changes;
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[0].fingerprint',
  },
  {
    id: 'B2b',
    attack: 'the same with the real fingerprint and state of the other instance (harvested from a plan of it), apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => graft(plan, attacker, 'payments', 'orders', false),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].observed.name',
  },
  {
    id: 'B2c',
    attack: 'the same, lying that the other instance is named as declared (observed.name), apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => graft(plan, attacker, 'payments', 'orders', true),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].instanceId',
  },
  {
    id: 'B2d',
    attack: 'change the plan region to ap-shanghai against an ap-guangzhou fleet, apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan) => void (plan.region = 'ap-shanghai'),
    code: 'apply/fleet-mismatch',
    path: 'region',
  },
  {
    id: 'B2e',
    attack: 'untouched plan; meanwhile a second instance is named like the declared one, apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: () => undefined,
    meanwhile: rename(ID.audit, 'orders'),
    code: 'apply/fleet-mismatch',
    path: 'instances[0].instanceId',
  },
  {
    id: 'B2f',
    attack: 'untouched plan; meanwhile the planned instance is renamed, apply without --fleet',
    scenario: 'by-name',
    fleet: false,
    edit: () => undefined,
    meanwhile: rename(ID.orders, 'orders-old'),
    code: 'apply/stale',
  },
  {
    id: 'B2g',
    attack: 'change the plan region to ap-shanghai where the fleet file names no region, apply --fleet (the region is then not taken from the plan)',
    scenario: 'no-region',
    fleet: true,
    edit: (plan) => void (plan.region = 'ap-shanghai'),
    code: 'apply/wrong-cloud',
  },
  {
    id: 'F2',
    attack: 'record no observed spec, billing or fingerprint (apply compared them only when present), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => {
      const p = entry(plan, 'payments');
      Object.assign(p.observed, { spec: null, chargeType: null });
      p.fingerprint = '';
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[1].fingerprint',
  },
  {
    id: 'F8',
    attack: 'add an entry for an instance the fleet does not declare (copied state of payments), apply --fleet',
    scenario: 'by-name',
    fleet: true,
    edit: (plan, attacker) => {
      plan.instances.push(structuredClone(entry(attacker, 'payments')));
      resummarize(plan);
    },
    code: 'apply/fleet-mismatch',
    path: 'instances[1].name',
  },
  {
    id: 'F9',
    attack: 'set the region to null (apply accepted a null region in any region), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (plan.region = null),
    code: 'apply/plan-inconsistent',
    path: 'region',
  },
];
