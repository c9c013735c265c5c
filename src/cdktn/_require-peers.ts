/** Loaded first by `ckafka-iac/cdktn`: cdktn and constructs are optional peer dependencies. */
import { requirePeers } from '../require-peers';

requirePeers('ckafka-iac/cdktn', ['cdktn', 'constructs']);
