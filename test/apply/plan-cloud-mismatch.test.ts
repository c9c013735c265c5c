/**
 * Whether a plan may be applied through a cloud at all (`apply/wrong-cloud`), as a table: the
 * cloud kind, region and capabilities the plan records against the cloud apply uses.
 */
import { planCloudMismatch } from '../../src/apply/plan-cloud-mismatch';
import { aCapabilities } from '../support/builders';

const CLOUD = { kind: 'emulator', region: 'ap-guangzhou', capabilities: () => aCapabilities() };

const TABLE: ReadonlyArray<[string, { kind: string; region: string | null; conversion?: boolean }, RegExp | undefined]> = [
  ['the same cloud, region and capabilities', { kind: 'emulator', region: 'ap-guangzhou' }, undefined],
  ['a plan that names no region, in any region', { kind: 'emulator', region: null }, undefined],
  ['another region', { kind: 'emulator', region: 'ap-shanghai' }, /made against emulator \(ap-shanghai\), but this apply uses emulator \(ap-guangzhou\)/],
  ['another kind of cloud', { kind: 'tencent', region: 'ap-guangzhou' }, /made against tencent \(ap-guangzhou\)/],
  ['capabilities this cloud lacks', { kind: 'emulator', region: 'ap-guangzhou', conversion: true }, /with other capabilities \(cloud\.capabilities\)/],
];

describe('planCloudMismatch', () => {
  it.each(TABLE)('%s', (_name, planned, message) => {
    const plan = { region: planned.region, cloud: { kind: planned.kind, capabilities: aCapabilities({ editionConversionByApi: planned.conversion === true }) } };
    const found = planCloudMismatch(plan, CLOUD);
    if (message === undefined) expect(found).toBeUndefined();
    else expect(found).toMatchObject({ code: 'apply/wrong-cloud', severity: 'error', message: expect.stringMatching(message) });
  });
});
