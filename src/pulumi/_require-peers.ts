/** Loaded first by `ckafka-iac/pulumi`: @pulumi/pulumi is an optional peer dependency. */
import { requirePeers } from '../require-peers';

requirePeers('ckafka-iac/pulumi', ['@pulumi/pulumi']);
