/**
 * The `CkafkaInstance` construct for CDK Terrain (cdktn, the community continuation of CDK for
 * Terraform): the same construct as `ckafka-iac/cdktf`'s, bound to cdktn and its binding. What
 * it does is in {@link CkafkaInstanceBase}; this file only binds it to cdktn.
 */
import { Annotations, Token, type ITerraformDependable, type TerraformProvider, type TerraformResourceLifecycle } from 'cdktn';
import type { Construct } from 'constructs';
import { CkafkaInstanceBase, type CkafkaInstanceEngine } from '../cdktf/ckafka-instance-base';
import type { CkafkaInstanceBaseProps } from '../cdktf/ckafka-instance-props';
import { CkafkaInstance as CkafkaInstanceResource } from './gen/ckafka-instance';

/** Props of {@link CkafkaInstance}, with cdktn's types for the Terraform meta-arguments. */
export type CkafkaInstanceProps = CkafkaInstanceBaseProps<TerraformProvider, ITerraformDependable, TerraformResourceLifecycle>;

const CDKTN: CkafkaInstanceEngine<CkafkaInstanceProps, CkafkaInstanceResource> = {
  isUnresolved: (value) => Token.isUnresolved(value),
  addWarning: (scope, message) => Annotations.of(scope).addWarning(message),
  createResource: (scope, id, config) => new CkafkaInstanceResource(scope, id, config),
};

/**
 * A CKafka instance whose spec ckafka-iac plans and applies (or, with `specOwner: 'terraform'`,
 * only reads), synthesized as a `tencentcloud_ckafka_instance`.
 *
 * The spec is validated by the core when the app synthesizes: each problem is reported as
 * `<code> at <construct path>.<field>: <message> (<hint>)`.
 *
 * @see https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/latest/docs/resources/ckafka_instance
 */
export class CkafkaInstance extends CkafkaInstanceBase<CkafkaInstanceProps, CkafkaInstanceResource> {
  public constructor(scope: Construct, id: string, props: CkafkaInstanceProps) {
    super(scope, id, props, CDKTN);
  }
}
