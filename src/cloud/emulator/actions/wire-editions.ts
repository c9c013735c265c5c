/** Edition names on the wire: `SpecificationsType` and `InstanceType` of the create and price actions, DescribeModifyType's `Type`. */
import type { Edition } from '../../../spec/types';
import { ApiError } from '../api-error';

/** The edition a `SpecificationsType` (or InquireCkafkaPrice's `InstanceType`) names; `field` names the parameter in the error. */
export function editionFromSpecificationsType(value: string, field: string): Edition {
  if (value === 'profession') return 'pro';
  if (value === 'premium') return 'advanced';
  if (value === 'standard' || value === 'standards2') return 'standard';
  throw new ApiError('InvalidParameterValue', `${field} ${JSON.stringify(value)} is not valid; use profession (Pro), premium (Advanced) or standard`);
}

/**
 * The edition DescribeModifyType's `Type` names: `sp_ckafka_<API instance type>`. Only
 * `sp_ckafka_profession` is documented (the SDK's example); `sp_ckafka_premium` and
 * `sp_ckafka_standards2` / `sp_ckafka_standard` follow the same pattern (ASSUMED).
 */
export function editionFromModifyType(value: string): Edition {
  const m = /^sp_ckafka_(.+)$/.exec(value);
  const type = m?.[1];
  if (type === 'profession') return 'pro';
  if (type === 'premium') return 'advanced';
  if (type === 'standard' || type === 'standards2') return 'standard';
  throw new ApiError('InvalidParameterValue', `Type ${JSON.stringify(value)} is not valid; use sp_ckafka_profession (Pro), sp_ckafka_premium (Advanced) or sp_ckafka_standards2 (Standard)`);
}
