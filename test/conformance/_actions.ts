/** The CKafka actions the adapter and the emulator use: the corpus must cover each of them. */
import { ACTION_NAMES } from '../../src/cloud/emulator';
import type { CkafkaAction } from '../../src/cloud/tencent/sdk-transport';

const ADAPTER = [
  'DescribeInstancesDetail',
  'DescribeInstanceAttributes',
  'DescribeModifyType',
  'InquireCkafkaPrice',
  'DescribeRoute',
  'DescribeTopicDetail',
  'DescribeTopicSyncReplica',
  'DescribeCkafkaZone',
  'DescribeTopicFlowRanking',
  'ModifyInstancePre',
  'InstanceScalingDown',
  'ModifyInstanceAttributes',
  'CreatePostPaidInstance',
  'CreateInstancePre',
  'DeleteInstancePost',
  'DeleteInstancePre',
] as const satisfies readonly CkafkaAction[];

// Does not compile when CkafkaActions (sdk-transport.ts) gains an action this list lacks.
type Missing = Exclude<CkafkaAction, (typeof ADAPTER)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

/** Every action of `CkafkaActions` (src/cloud/tencent/sdk-transport.ts). */
export const ADAPTER_ACTIONS: readonly string[] = ADAPTER;

/** Every action the emulator serves (`ACTION_NAMES`). */
export const EMULATOR_ACTIONS: readonly string[] = ACTION_NAMES;

/** Both, sorted. */
export const CORPUS_ACTIONS: readonly string[] = [...new Set([...ADAPTER_ACTIONS, ...EMULATOR_ACTIONS])].sort();
