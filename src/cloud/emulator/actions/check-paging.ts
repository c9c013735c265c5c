/** Offset and Limit of the list actions, as the API checks them. */
import { ApiError } from '../api-error';

/** The page asked for: `Offset` 0 or more, `Limit` above 0 and at most `defaults.max` when the action has one. */
export function checkPaging(offset: number | undefined, limit: number | undefined, defaults: { limit: number; max?: number }): { offset: number; limit: number } {
  const o = offset ?? 0;
  const l = limit ?? defaults.limit;
  if (o < 0) throw new ApiError('InvalidParameterValue', `Offset ${o} must be 0 or more`);
  if (l < 1) throw new ApiError('InvalidParameterValue', `Limit ${l} must be greater than 0`);
  if (defaults.max !== undefined && l > defaults.max) {
    throw new ApiError('InvalidParameterValue', `Limit ${l} is above the maximum of ${defaults.max}; page with Offset`);
  }
  return { offset: o, limit: l };
}
