/**
 * The `CkafkaInstance` construct for CDK for Terraform: a CKafka instance declared with
 * ckafka-iac's spec, synthesized as a `tencentcloud_ckafka_instance` through the cdktf binding.
 * What it does is in {@link CkafkaInstanceBase}, shared with the CDK Terrain entry; this file
 * only binds it to cdktf.
 */
import { Annotations, Token, type ITerraformDependable, type TerraformProvider, type TerraformResourceLifecycle } from 'cdktf';
import type { Construct } from 'constructs';
import { CkafkaInstanceBase, type CkafkaInstanceEngine } from './ckafka-instance-base';
import type { CkafkaInstanceBaseProps } from './ckafka-instance-props';
import { CkafkaInstance as CkafkaInstanceResource } from './gen/ckafka-instance';

/** Props of {@link CkafkaInstance}, with cdktf's types for the Terraform meta-arguments. */
export type CkafkaInstanceProps = CkafkaInstanceBaseProps<TerraformProvider, ITerraformDependable, TerraformResourceLifecycle>;

const CDKTF: CkafkaInstanceEngine<CkafkaInstanceProps, CkafkaInstanceResource> = {
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
    super(scope, id, props, CDKTF);
  }
}
