/** Plans that attack the reader: prototype keys, deep nesting, an old format version. */
import { entry, stepOf, type Doc, type Tamper } from './plan-tamper-kit';

/** The rows of this theme; the codes and paths are what a refusal must name. */
export const JSON_TAMPERS: readonly Tamper[] = [
  {
    id: 'B15a',
    attack: 'a `__proto__` key added to a target, the digest left as it was',
    scenario: 'now',
    fleet: false,
    keepDigest: true,
    edit: (plan) => void Object.defineProperty(entry(plan, 'orders').target, '__proto__', { value: { bandwidthMBps: 1200 }, enumerable: true, writable: true, configurable: true }),
    code: 'apply/plan-invalid',
    path: 'instances[0].target.__proto__',
  },
  {
    id: 'B15b',
    attack: 'the same with the digest recomputed over it',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void Object.defineProperty(entry(plan, 'orders').target, '__proto__', { value: { bandwidthMBps: 1200 }, enumerable: true, writable: true, configurable: true }),
    code: 'apply/plan-invalid',
    path: 'instances[0].target.__proto__',
  },
  {
    id: 'B15c',
    attack: 'a `constructor` key in a step, digest recomputed',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (stepOf(entry(plan, 'orders'), 'change-spec').constructor = { name: 'x' }),
    code: 'apply/plan-invalid',
    path: 'instances[0].steps[0].constructor',
  },
  {
    id: 'F12',
    attack: 'nest a value 1,000 levels deep (digest recomputed), apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => {
      let deep: Doc = [];
      for (let i = 0; i < 1000; i++) deep = [deep];
      entry(plan, 'orders').summary = deep;
    },
    code: 'apply/plan-invalid',
  },
  {
    id: 'F13',
    attack: 'label the plan format version 1, apply without --fleet',
    scenario: 'now',
    fleet: false,
    edit: (plan) => void (plan.formatVersion = 1),
    code: 'apply/plan-format-version',
    path: 'formatVersion',
  },
];
