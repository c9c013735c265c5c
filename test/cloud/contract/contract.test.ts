/**
 * One contract suite, one adapter, two transports: the emulator's in-process transport, and the
 * official SDK to the emulator's HTTP server, which verifies TC3 signatures made with a fake key
 * pair. Then the same scenarios over both, compared result for result and call for call; and a
 * whole plan made through each.
 */
import { planWithCloud } from '../../../src/apply/plan-with-cloud';
import type { Plan } from '../../../src/plan/types';
import { describeCloudContract, describeCloudParity } from './_contract';
import { contractState } from './_contract-state';
import { planActions, planningFleet } from './_fleet';
import { T0, inProcessFront, tencentHttpFront, withFront } from './_fronts';

describeCloudContract('adapter → in-process transport → emulator', inProcessFront);
describeCloudContract('adapter → SDK → HTTP emulator', tencentHttpFront);
describeCloudParity('in-process transport vs SDK over HTTP', inProcessFront, tencentHttpFront);

describe('planWithCloud over either transport', () => {
  it('gives the same plan (the cloud kind and the digest over it aside)', async () => {
    const plan = (factory: typeof inProcessFront) => withFront(factory, { state: contractState() }, (front) => planWithCloud(planningFleet(), front.cloud, { now: T0 }));
    const strip = ({ cloud, digest: _digest, ...rest }: Plan) => ({ ...rest, capabilities: cloud.capabilities });
    const [a, b] = [await plan(inProcessFront), await plan(tencentHttpFront)];
    expect([a.cloud.kind, b.cloud.kind]).toEqual(['emulator', 'tencent']);
    expect(strip(b)).toStrictEqual(strip(a));
    // The fleet plans migrations, changes in place, blocked and unchanged instances, and a missing one.
    expect((planActions(a) as Array<{ name: string; action: string }>).map((i) => [i.name, i.action])).toEqual([
      ['orders', 'upgrade'],
      ['media-uploads', 'upgrade'],
      ['payments', 'none'],
      ['audit', 'blocked'],
      ['legacy-events', 'blocked'],
      ['clickstream', 'upgrade'],
      ['pulumi-events', 'upgrade'],
      ['cdktf-clickstream', 'upgrade'],
      ['many-topics', 'blocked'],
      ['ghost', 'blocked'],
    ]);
  });
});
