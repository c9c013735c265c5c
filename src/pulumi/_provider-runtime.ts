/**
 * What the `CkafkaProvider` methods do, one module per operation in `runtime/`. It lives apart
 * from the provider class so that Pulumi's closure serialisation captures only the class (which
 * loads this module by the package name at run time) and never the core, the cloud adapters or a
 * live client: see ckafka-provider.ts.
 *
 * diff = `planWithCloud` on a one-instance fleet (the same planner as `ckafka plan`);
 * update = `applyPlan` (the same orchestrator as `ckafka apply`), after a staleness check against
 * the state Pulumi last recorded.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { CkafkaInstanceInputs } from './ckafka-instance-inputs';
import type { CkafkaInstanceState } from './ckafka-instance-state';
import type { CkafkaDiffResult } from './ckafka-diff-result';
import { readProviderConfig, type CkafkaProviderSettings, type ConfigReader } from './select-provider-cloud';
import { check } from './runtime/check';
import { open, type ProviderContext } from './runtime/context';
import { create } from './runtime/create';
import { deleteInstance } from './runtime/delete';
import { diff } from './runtime/diff';
import { read } from './runtime/read';
import { update } from './runtime/update';

export type { ProviderContext } from './runtime/context';

/** The provider operations; `CkafkaProvider` delegates every method here. */
export interface ProviderRuntime {
  readProviderConfig(config: ConfigReader): CkafkaProviderSettings;
  check(ctx: ProviderContext, olds: CkafkaInstanceInputs, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.CheckResult<CkafkaInstanceInputs>>;
  diff(ctx: ProviderContext, id: string, olds: CkafkaInstanceState, news: CkafkaInstanceInputs): Promise<CkafkaDiffResult>;
  create(ctx: ProviderContext, inputs: CkafkaInstanceInputs): Promise<pulumi.dynamic.CreateResult<CkafkaInstanceState>>;
  read(ctx: ProviderContext, id: string, props: CkafkaInstanceState | undefined): Promise<pulumi.dynamic.ReadResult<CkafkaInstanceState>>;
  update(ctx: ProviderContext, id: string, olds: CkafkaInstanceState, news: CkafkaInstanceInputs): Promise<pulumi.dynamic.UpdateResult<CkafkaInstanceState>>;
  delete(ctx: ProviderContext, id: string, props: CkafkaInstanceState): Promise<void>;
}

/** The operations behind `CkafkaProvider`. @internal */
export const providerRuntime: ProviderRuntime = {
  readProviderConfig,
  check: (ctx, olds, news) => check(ctx, open(olds), open(news)),
  diff: (ctx, id, olds, news) => diff(ctx, id, open(olds), open(news)),
  create: (ctx, inputs) => create(ctx, open(inputs)),
  read: (ctx, id, props) => read(ctx, id, props === undefined ? undefined : open(props)),
  update: (ctx, id, olds, news) => update(ctx, id, open(olds), open(news)),
  delete: (ctx, id, props) => deleteInstance(ctx, id, open(props)),
};
