/** Apply progress in CI (log mode): times, and the date once the clock has left the start day. */
import { PassThrough } from 'node:stream';
import { createProgressReporter } from '../../src/cli/progress';

function logOf(events: (on: ReturnType<typeof createProgressReporter>['onEvent']) => void): string {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (d: Buffer) => (text += d.toString()));
  const reporter = createProgressReporter({ stdout: new PassThrough(), stderr, env: {}, cwd: '/' }, { live: false, color: false, heartbeatMs: 3_600_000 });
  events(reporter.onEvent);
  reporter.stop();
  return text;
}

describe('apply progress (log mode)', () => {
  it('shows the time on the start day and the date with it once the clock has moved past that day', () => {
    const text = logOf((on) => {
      on({ type: 'start', at: new Date('2026-03-02T02:00:00Z'), instances: 2 });
      on({ type: 'state', at: new Date('2026-03-02T02:00:01Z'), name: 'orders', instanceId: 'ckafka-9x2kq7pe', state: 'submitted', message: 'accepted by the cloud' });
      on({ type: 'state', at: new Date('2026-03-06T17:00:00Z'), name: 'payments', instanceId: 'ckafka-4m7tz1bc', state: 'submitted', message: 'accepted by the cloud' });
    });
    expect(text.split('\n')).toEqual([
      '[02:00:00] applying 2 instances',
      '[02:00:01] orders: submitted — accepted by the cloud',
      '[2026-03-06 17:00:00] payments: submitted — accepted by the cloud',
      '',
    ]);
  });
});
