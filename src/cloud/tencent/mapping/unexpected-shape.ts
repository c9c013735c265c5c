/** The error of an answer the adapter cannot read: never guessed into a value. */
import { CLIENT_ERROR, clientError } from '../errors';

/** Throws `ClientError.UnexpectedResponse` for an answer of `action` that is not shaped as the SDK models declare. */
export function unexpectedShape(action: string, what: string): never {
  throw clientError(
    'other',
    CLIENT_ERROR.unexpectedResponse,
    `${action} answered in an unexpected shape: ${what}; if the endpoint is not the Tencent Cloud API, check CKAFKA_ENDPOINT`,
    action,
  );
}
