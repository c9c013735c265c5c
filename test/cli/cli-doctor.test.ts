/**
 * `ckafka doctor` end to end, in process: against the embedded emulator, and against the server
 * `ckafka emulator serve` runs (TC3-signed HTTP, the SDK transport): every answer has the shapes
 * the adapter relies on (exit 0), the seed fleet's documented differences are reported as
 * handled, and no instance id is printed unless asked for.
 */
import * as path from 'node:path';
import { runEmulatorServe } from '../../src/cloud/emulator/server';
import { FAKE_CREDENTIALS } from '../support/fake-credentials';
import { SEED, eventually, statePathIn, tempDir, writeSeedState } from '../support/workspace';
import { ckafka } from '../support/run-cli';

interface DoctorJson {
  readonly ckafkaIac: string;
  readonly idsRedacted: boolean;
  readonly report: {
    readonly cloud: string;
    readonly instances: { readonly listed: number; readonly checked: readonly string[] };
    readonly calls: ReadonlyArray<{ readonly action: string; readonly outcome: string; readonly requestId?: string }>;
    readonly findings: ReadonlyArray<{ readonly check: string; readonly severity: string }>;
    readonly settlements: ReadonlyArray<{ readonly question: string; readonly answer: string }>;
  };
}

const READ_ACTIONS = [
  'DescribeInstancesDetail',
  'DescribeCkafkaZone',
  'DescribeInstanceAttributes',
  'DescribeRoute',
  'DescribeTopicDetail',
  'DescribeTopicSyncReplica',
  'DescribeTopicFlowRanking',
  'InquireCkafkaPrice',
  'DescribeModifyType',
];

function expectCleanReport(j: DoctorJson): void {
  expect(j.report.findings.filter((f) => f.severity === 'divergence')).toEqual([]);
  expect([...new Set(j.report.calls.map((c) => c.action))].sort()).toEqual([...READ_ACTIONS].sort());
  expect(j.report.calls.every((c) => c.outcome === 'answered')).toBe(true);
  // The seed fleet's reports and telemetry are built after the documented listing's instances.
  expect(j.report.findings.filter((f) => f.severity === 'handled').map((f) => f.check).sort()).toEqual(['elastic-storage', 'off-step-running', 'past-rebalance-time']);
  expect(j.report.settlements.find((s) => s.question === 'modify-type-bandwidth-unit')?.answer).toBe('likely Mbps');
}

describe('ckafka doctor', () => {
  it('passes against the embedded emulator, ids redacted, and shows them with --show-ids', async () => {
    const tmp = tempDir();
    try {
      await writeSeedState(statePathIn(tmp.dir));
      const r = await ckafka(['doctor', '--format', 'json'], { cwd: tmp.dir });
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as DoctorJson;
      expect(j.idsRedacted).toBe(true);
      expect(j.report.cloud).toBe('emulator');
      expect(j.report.instances).toEqual({ listed: 12, checked: ['instance-1', 'instance-2', 'instance-3', 'instance-4', 'instance-5'] });
      expect(r.stdout).not.toMatch(/ckafka-[a-z0-9]{8}/);
      expect(j.report.calls.some((c) => c.requestId !== undefined)).toBe(false);
      expectCleanReport(j);

      const shown = await ckafka(['doctor', SEED.reports.id, SEED.telemetry.id, '--show-ids', '--no-color'], { cwd: tmp.dir });
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain(`instances    2 listed; 2 checked: ${SEED.reports.id}, ${SEED.telemetry.id}`);
      expect(shown.stdout).toMatch(/request [0-9a-f-]{36}/);
      expect(shown.stdout).toContain('result: every answer has the shapes ckafka-iac relies on');
    } finally {
      tmp.cleanup();
    }
  });

  it('passes against the server of `ckafka emulator serve` over TC3-signed HTTP', async () => {
    const tmp = tempDir();
    const creds = { TENCENTCLOUD_SECRET_ID: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY: FAKE_CREDENTIALS.TENCENTCLOUD_SECRET_KEY };
    const stop = new AbortController();
    let out = '';
    const serving = runEmulatorServe({
      port: 0,
      statePath: path.join(tmp.dir, 'served.json'),
      speed: 1000,
      credentials: { secretId: creds.TENCENTCLOUD_SECRET_ID, secretKey: creds.TENCENTCLOUD_SECRET_KEY },
      out: { write: (text: string) => (out += text) },
      signal: stop.signal,
    });
    try {
      let url = '';
      await eventually(() => {
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
        return url !== '';
      });
      const r = await ckafka(['doctor', '--format', 'json'], { cwd: tmp.dir, env: { ...creds, CKAFKA_ENDPOINT: url, TENCENTCLOUD_REGION: 'ap-guangzhou' } });
      expect(r.stderr).toContain(`Using the CKafka API at ${url}`);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as DoctorJson;
      // Reached through the Tencent adapter over the SDK: the cloud's kind is tencent.
      expect(j.report.cloud).toBe('tencent');
      expectCleanReport(j);
    } finally {
      stop.abort();
      await serving;
      tmp.cleanup();
    }
  });
});
