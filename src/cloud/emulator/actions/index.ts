/** The emulator's wire layer (see action-table.ts): the action table and the time format the reads use. */
export { ACTION_NAMES, CKAFKA_API_VERSION, WRITE_ACTIONS, isKnownAction, runWireAction, unknownActionError, type ActionName } from './action-table';
export { formatBeijingTime } from './wire-units';
