import { apiCodeOf, apiRefusalOf } from '../../src/cloud/api-refusal';
import { dropSupersededWarnings } from '../../src/spec/issues';
import { PROVISIONING_RULES } from '../../src/spec/rules/provisioning-rules';
import { checkCreation, readProvisioningDraft, validateProvisioning } from '../../src/spec/validate-provisioning';
import { PROVISIONING_TABLES, declarationOf, type Row } from './_provisioning-tables';

describe.each(Object.entries(PROVISIONING_TABLES))('%s', (_table, { rule, rows }) => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row: Row) => {
    const { draft, issues } = readProvisioningDraft(declarationOf(row), { creating: row.creating ?? true });
    expect(issues).toEqual([]);
    const errors = rule(draft).filter((i) => i.severity === 'error');
    expect(errors.map((i) => `${i.code}@${i.at.join('.')}`)).toEqual(row.refused === undefined ? [] : [`${row.refused.code}@${row.refused.at}`]);
    for (const e of errors) expect(e.hint).toEqual(expect.any(String));
  });
});

describe('the provisioning rules together', () => {
  it('lists every rule of the tables, the edition first', () => {
    const tested = Object.values(PROVISIONING_TABLES).map((t) => t.rule);
    for (const rule of PROVISIONING_RULES) expect(tested).toContain(rule);
    expect(PROVISIONING_RULES[0]?.name).toBe('editionCreatable');
  });

  it('reads values of the wrong type as type errors, and leaves them out', () => {
    const { draft, issues } = readProvisioningDraft({ periodMonths: '12', zoneIds: [100003, '100004'], vpcId: null }, { creating: true });
    expect(issues.map((i) => `${i.code}@${i.at.join('.')}`)).toEqual(['spec/invalid-type@periodMonths', 'spec/invalid-type@zoneIds']);
    expect(draft).toEqual({ creating: true });
  });

  it('counts a value not known yet as given, and does not check it', () => {
    const issues = validateProvisioning({ edition: 'pro', vpcId: '${var.vpc}', zoneId: 100003, subnetId: 'subnet-12345678' }, { creating: true, unknown: ['vpcId'], path: 'kafka/orders' });
    expect(issues).toEqual([]);
  });

  it('places issues under the path given', () => {
    expect(validateProvisioning({ periodMonths: 0 }, { creating: false, path: 'kafka/orders' }).map((i) => i.path)).toEqual(['kafka/orders.periodMonths']);
  });

  it('checks a create with the spec rules too, an off-step value an error and not also a warning', () => {
    const issues = checkCreation({ edition: 'pro', bandwidthMBps: 150, diskGB: 1000, partitions: 1200, zoneId: 100003, vpcId: 'vpc-12345678', subnetId: 'subnet-12345678' });
    expect(issues.map((i) => `${i.severity} ${i.code}@${i.at.join('.')}`)).toEqual(['error spec/off-step@bandwidthMBps']);
  });

  it('drops only the warnings an error with the same code and place replaces', () => {
    const w = (code: 'spec/off-step' | 'spec/at-in-past', path: string) => ({ code, severity: 'warning' as const, path });
    const e = (code: 'spec/off-step', path: string) => ({ code, severity: 'error' as const, path });
    expect(dropSupersededWarnings([w('spec/off-step', 'a'), w('spec/off-step', 'b'), w('spec/at-in-past', 'a'), e('spec/off-step', 'a')], (i) => i.path)).toEqual([
      w('spec/off-step', 'b'),
      w('spec/at-in-past', 'a'),
      e('spec/off-step', 'a'),
    ]);
  });
});

describe('the API code of a refusal', () => {
  it.each([
    ['spec/missing-field', 'vpcId', 'MissingParameter'],
    ['spec/invalid-type', 'periodMonths', 'InvalidParameter'],
    ['spec/invalid-value', 'vpcId', 'InvalidParameterValue.VpcIdInvalid'],
    ['spec/invalid-value', 'subnetId', 'InvalidParameterValue.SubnetIdInvalid'],
    ['spec/invalid-value', 'periodMonths', 'InvalidParameterValue'],
    ['spec/edition-not-creatable', 'edition', 'InvalidParameterValue'],
    ['spec/off-step', 'bandwidthMBps', 'InvalidParameterValue'],
  ] as const)('%s at %s → %s', (code, field, wire) => {
    expect(apiCodeOf({ code, severity: 'error', at: [field], message: 'm' })).toBe(wire);
  });

  it('names the wire parameter and keeps the hint', () => {
    expect(apiRefusalOf([{ code: 'spec/invalid-value', severity: 'error', at: ['periodMonths'], message: 'periodMonths is 40', hint: 'use 36' }])).toEqual({
      code: 'InvalidParameterValue',
      parameter: 'Period',
      message: 'periodMonths is 40 (use 36)',
      field: 'periodMonths',
    });
    expect(apiRefusalOf([{ code: 'spec/off-step', severity: 'warning', at: ['diskGB'], message: 'm' }])).toBeUndefined();
  });
});
