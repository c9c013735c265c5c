/**
 * Two CKafka instances declared with cdktf. Terraform creates them; ckafka-iac plans and applies
 * their spec changes in the declared windows:
 *
 *   npm run synth:example                                   # writes examples/cdktf/cdktf.out
 *   ckafka plan examples/cdktf/cdktf.out                    # plan from the synthesized app
 *
 * `app.synth()` runs ckafka-iac's validations: an invalid spec fails here, not at apply time.
 * Neither instance names an instanceId: ckafka-iac finds them by name once Terraform created them.
 */
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { CkafkaInstance, TencentcloudProvider } from 'ckafka-iac/cdktf';

// Replace with your VPC and subnet (in zone ap-guangzhou-3, id 100003).
const network = { zoneId: 100003, vpcId: 'vpc-12345678', subnetId: 'subnet-12345678' };

class KafkaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new TencentcloudProvider(this, 'tencentcloud', { region: 'ap-guangzhou' });

    // Orders: data migrations only on weekend nights in Shanghai, throttled to protect traffic.
    const orders = new CkafkaInstance(this, 'orders', {
      name: 'cdktf-orders',
      edition: 'pro',
      bandwidthMBps: 400,
      diskGB: 6000,
      partitions: 2400,
      upgrade: {
        rebalance: { window: { days: ['sat', 'sun'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' } },
        mode: 'stable',
      },
      ...network,
      chargeType: 'PREPAID',
      periodMonths: 1,
      autoRenew: true,
      diskType: 'CLOUD_BASIC',
      kafkaVersion: '2.8.1',
      msgRetentionMinutes: 4320,
      deleteProtection: true,
      tags: { team: 'payments' },
      config: { autoCreateTopicEnable: false, defaultNumPartitions: 3, defaultReplicationFactor: 3 },
      lifecycle: { preventDestroy: true },
    });

    // Clickstream: postpaid, changes start as soon as they are applied, unthrottled.
    const clickstream = new CkafkaInstance(this, 'clickstream', {
      name: 'cdktf-clickstream',
      edition: 'pro',
      bandwidthMBps: 200,
      diskGB: 2000,
      partitions: 1400,
      upgrade: { rebalance: 'now', mode: 'high-speed' },
      ...network,
      chargeType: 'POSTPAID_BY_HOUR',
      diskType: 'CLOUD_BASIC',
      kafkaVersion: '2.8.1',
      tags: { team: 'analytics' },
    });

    new TerraformOutput(this, 'orders_endpoint', { value: `${orders.vip}:${orders.vport}` });
    new TerraformOutput(this, 'clickstream_endpoint', { value: `${clickstream.vip}:${clickstream.vport}` });
  }
}

// The cdktf and cdktn CLIs pass their output directory in CDKTF_OUTDIR; run directly, the app writes next to this file.
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? path.join(__dirname, 'cdktf.out') });
new KafkaStack(app, 'kafka');
app.synth();
