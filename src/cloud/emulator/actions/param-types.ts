/** Nested parameter types that several requests share (ckafka_models.d.ts: Tag, Filter). */

/** A tag: `{ TagKey, TagValue }`. */
export const TAG = { object: { TagKey: { type: 'string', required: true }, TagValue: { type: 'string', required: true } } } as const;

/** A filter: `{ Name, Values }`. */
export const FILTER = { object: { Name: { type: 'string', required: true }, Values: { type: { array: 'string' }, required: true } } } as const;
