/**
 * Request parameter checking for the wire layer, as API 3.0 does it: an undeclared parameter is
 * `UnknownParameter`, a missing required one `MissingParameter`, a value of the wrong type
 * `InvalidParameter`. `null` counts as absent (the SDK strips nulls before sending).
 */
import { ApiError } from './api-error';

/** The type of one parameter. */
export type ParamType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | { readonly array: ParamType }
  | { readonly object: ParamSpec };

/** One parameter: its type and whether it is required. */
export interface ParamDef {
  readonly type: ParamType;
  readonly required?: boolean;
}

/** The parameters of a request (or of a nested object). */
export type ParamSpec = Readonly<Record<string, ParamDef>>;

/** The TypeScript type of a parameter type. */
export type TypeOfParam<T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends { readonly array: infer E }
        ? Array<TypeOfParam<E>>
        : T extends { readonly object: infer S }
          ? ParamsOf<S>
          : never;

type RequiredKeys<S> = { [K in keyof S]: S[K] extends { readonly required: true } ? K : never }[keyof S];
type OptionalKeys<S> = Exclude<keyof S, RequiredKeys<S>>;

/** The checked request object of a spec. */
export type ParamsOf<S> = { [K in RequiredKeys<S>]: S[K] extends { readonly type: infer T } ? TypeOfParam<T> : never } & {
  [K in OptionalKeys<S>]?: S[K] extends { readonly type: infer T } ? TypeOfParam<T> : never;
};

function describeType(type: ParamType): string {
  if (typeof type === 'string') return type === 'integer' ? 'an integer' : type === 'boolean' ? 'a boolean' : `a ${type}`;
  if ('array' in type) return `an array of ${describeType(type.array).replace(/^an? /, '')}s`;
  return 'an object';
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function checkValue(type: ParamType, value: unknown, path: string): unknown {
  const bad = (): never => {
    throw new ApiError('InvalidParameter', `parameter \`${path}\` must be ${describeType(type)}, got ${describeValue(value)}`);
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof value === 'string' ? value : bad();
      case 'boolean':
        return typeof value === 'boolean' ? value : bad();
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? value : bad();
      case 'integer':
        return typeof value === 'number' && Number.isSafeInteger(value) ? value : bad();
    }
  }
  if ('array' in type) {
    if (!Array.isArray(value)) return bad();
    return value.map((v, i) => {
      if (v === null || v === undefined) bad();
      return checkValue(type.array, v, `${path}.${i}`);
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad();
  return readParams(type.object, value, `${path}.`);
}

/**
 * Checks a request (or nested object) against its spec and returns it typed. Throws
 * `UnknownParameter`, `MissingParameter` or `InvalidParameter`.
 */
export function readParams<S extends ParamSpec>(spec: S, input: unknown, prefix = ''): ParamsOf<S> {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ApiError('InvalidParameter', prefix === '' ? 'the request body must be a JSON object' : `parameter \`${prefix.slice(0, -1)}\` must be an object`);
  }
  const source = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (!Object.prototype.hasOwnProperty.call(spec, key)) {
      const known = Object.keys(spec);
      throw new ApiError(
        'UnknownParameter',
        `parameter \`${prefix}${key}\` is not recognized${known.length > 0 ? `; valid parameters: ${known.join(', ')}` : '; this action takes no parameters'}`,
      );
    }
  }
  for (const [key, def] of Object.entries(spec)) {
    const value = source[key];
    if (value === undefined || value === null) {
      if (def.required === true) throw new ApiError('MissingParameter', `the request is missing the required parameter \`${prefix}${key}\``);
      continue;
    }
    out[key] = checkValue(def.type, value, `${prefix}${key}`);
  }
  return out as ParamsOf<S>;
}
