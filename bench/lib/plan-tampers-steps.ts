/** Plans whose steps send something else: another instance's id, an extra parameter, a bigger target or another mode, a second entry, a manual step turned into a submit. */
import { entry, stepOf, resummarize, submitInsteadOfManual, type Tamper } from './plan-tamper-kit';
import { ID } from './plan-tamper-scenarios';

/** The rows of this theme; the codes and paths are what a refusal must name. */
export const STEP_TAMPERS: readonly Tamper[] = [
  {
    id: 'B3a',
    attack: "a change-spec step given another instance's InstanceId, apply without --fleet",
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'orders'), 'change-spec').InstanceId = ID.payments),
    code: 'apply/plan-invalid',
    path: 'instances[0].steps[0].InstanceId',
  },
  {
    id: 'B3b',
    attack: 'an extra step parameter (UpgradeStrategy: 2), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'payments'), 'change-spec').UpgradeStrategy = 2),
    code: 'apply/plan-invalid',
    path: 'instances[1].steps[0].UpgradeStrategy',
  },
  {
    id: 'B3c',
    attack: 'a second entry for the same instance with a bigger target, apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => {
      const twin = structuredClone(entry(plan, 'orders'));
      twin.name = 'orders-2';
      twin.target.bandwidthMBps = 400;
      stepOf(twin, 'change-spec').bandwidthMBps = 400;
      twin.changes[0].to = 400;
      plan.instances.push(twin);
      resummarize(plan);
    },
    code: 'apply/plan-inconsistent',
    path: 'instances[2].instanceId',
  },
  {
    id: 'B3d',
    attack: '`instances: [null]`, apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (plan.instances = [null]),
    code: 'apply/plan-invalid',
    path: 'instances[0]',
  },
  {
    id: 'B3e',
    attack: "a change-spec step that sends more bandwidth than its entry's target, apply without --fleet",
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'orders'), 'change-spec').bandwidthMBps = 400),
    code: 'apply/plan-inconsistent',
    path: 'instances[0].steps[0].bandwidthMBps',
  },
  {
    id: 'B3f',
    attack: "a change-spec step in high-speed mode where the entry's migration runs stable, apply without --fleet",
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'payments'), 'change-spec').mode = 'high-speed'),
    code: 'apply/plan-inconsistent',
    path: 'instances[1].steps[0].mode',
  },
  {
    id: 'F5',
    attack: 'replace the manual step of a Standard→Pro conversion with a change-spec step, apply --fleet',
    scenario: 'conversion',
    fleet: true,
    edit: submitInsteadOfManual,
    code: 'apply/plan-inconsistent',
    path: 'instances[0].steps[0]',
  },
  {
    id: 'F6',
    attack: 'the same, also claiming the cloud converts editions by API (cloud.capabilities), apply --fleet',
    scenario: 'conversion',
    fleet: true,
    edit: (plan) => {
      plan.cloud.capabilities.editionConversionByApi = true;
      submitInsteadOfManual(plan);
    },
    code: 'apply/wrong-cloud',
  },
];
