/** Loaded first by `ckafka-iac/cdktf`: cdktf and constructs are optional peer dependencies. */
import { requirePeers } from '../require-peers';

requirePeers('ckafka-iac/cdktf', ['cdktf', 'constructs']);
