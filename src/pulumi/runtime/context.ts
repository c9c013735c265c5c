/**
 * What every provider operation shares: the context a `CkafkaProvider` hands over, reading
 * Pulumi's open records, the validated inputs, the logger, and the cloud of one operation.
 */
import type { CkafkaCloud } from '../../cloud/port';
import type { ObservedInstance } from '../../spec/observed';
import type { CkafkaProviderLogger, CkafkaProviderOptions } from '../ckafka-provider-options';
import { CkafkaProviderError, type PartialState } from '../ckafka-provider-error';
import { checkInstanceInputs, PROVIDER_KEY, type ResolvedInputs } from '../check-instance-inputs';
import { selectProviderCloud, type CkafkaProviderSettings } from '../select-provider-cloud';

/** What one provider instance hands to each operation. */
export interface ProviderContext {
  readonly options: CkafkaProviderOptions;
  /** Config (`ckafka:*`) under the explicit `options.settings`. */
  readonly settings: CkafkaProviderSettings;
  /** Shared by the operations of one provider instance: say which cloud is used once. */
  readonly announced: { done: boolean };
}

/** Inputs or state as Pulumi hands them over. */
export type Props = Record<string, unknown>;

/** Time between status polls on the cloud's clock, unless the options say otherwise. */
export const DEFAULT_POLL_MS = 30_000;

// What Pulumi hands over is whatever the state or the program holds, whatever the declared
// types say (older states, unknown values, extra keys): read it as an open record.
export function open(x: object | undefined): Props {
  return (x ?? {}) as Props;
}

export function isRecord(x: unknown): x is Props {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A non-empty string under `key`, or `undefined`. */
export function str(props: Props | undefined, key: string): string | undefined {
  const v = props?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function pulumiLogger(): CkafkaProviderLogger {
  // Loaded when first used: the provider also runs in direct tests and tools without an engine.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use, see above
  const { log } = require('@pulumi/pulumi') as typeof import('@pulumi/pulumi');
  return { info: (m) => void log.info(m), warn: (m) => void log.warn(m) };
}

export function loggerOf(ctx: ProviderContext): CkafkaProviderLogger {
  return ctx.options.logger ?? pulumiLogger();
}

/** The clock of `check` and of input rules that read time. */
export function nowOf(ctx: ProviderContext): Date {
  return ctx.options.now?.() ?? new Date();
}

/** Validated inputs, or the check failures as one error (`check` reports them first; this is a guard). */
export function resolve(ctx: ProviderContext, inputs: Props): ResolvedInputs {
  const r = checkInstanceInputs(inputs, { now: nowOf(ctx) });
  if (r.value !== undefined) return r.value;
  if (r.unknown.length > 0) throw new CkafkaProviderError('spec/invalid-value', `inputs not known yet: ${r.unknown.join(', ')}`);
  throw CkafkaProviderError.fromIssues(r.issues, 'the inputs are not valid');
}

/** Runs `fn` with the cloud for this operation, and releases it after unless the caller owns it. */
export async function withCloud<T>(ctx: ProviderContext, region: string | undefined, fn: (cloud: CkafkaCloud) => Promise<T>): Promise<T> {
  const given = ctx.options.cloud;
  if (given !== undefined && typeof given !== 'function') return fn(given);
  if (typeof given === 'function') {
    const cloud = await given();
    try {
      return await fn(cloud);
    } finally {
      await cloud.close();
    }
  }
  const selected = await selectProviderCloud(ctx.settings, {
    ...(ctx.options.env === undefined ? {} : { env: ctx.options.env }),
    ...(ctx.options.cwd === undefined ? {} : { cwd: ctx.options.cwd }),
    ...(region === undefined ? {} : { region }),
  });
  if (!ctx.announced.done) {
    ctx.announced.done = true;
    loggerOf(ctx).info(`ckafka: ${selected.description}`);
  }
  try {
    return await fn(selected.cloud);
  } finally {
    await selected.close();
  }
}

/** The instance as the cloud reports it now, or `undefined` when it does not exist. */
export async function observe(cloud: CkafkaCloud, id: string, doing: string): Promise<ObservedInstance | undefined> {
  try {
    const [o] = await cloud.describeInstances({ ids: [id] });
    return o;
  } catch (e) {
    throw CkafkaProviderError.fromCloud(e, doing);
  }
}

/** Outputs plus the serialized provider, for a partial failure (the host adds it only on success). */
export function partial(id: string, outputs: Props, inputs: Props): PartialState {
  return { id, properties: { ...outputs, ...(inputs[PROVIDER_KEY] === undefined ? {} : { [PROVIDER_KEY]: inputs[PROVIDER_KEY] }) } };
}

/** The region an operation looks in: declared, else where the state says the instance is, else config. */
export function regionFor(r: ResolvedInputs | undefined, olds: Props | undefined): string | undefined {
  return r?.provisioning.region ?? str(olds, 'region');
}

/** Refuses a cloud client for another region than the declared one. */
export function checkRegion(r: ResolvedInputs, cloud: CkafkaCloud): void {
  const declared = r.provisioning.region;
  if (declared !== undefined && declared !== cloud.region)
    throw new CkafkaProviderError('apply/wrong-cloud', `${r.desired.name} is declared in ${declared}, but the cloud client is for ${cloud.region}`);
}
