/**
 * Redaction of credentials from text that may reach a terminal, a log, a plan or an error.
 *
 * Cloud errors carry text that ckafka-iac does not control: the API's own error message, a
 * fetch failure that names a URL, a proxy's answer. Any of them could echo a header or a URL
 * with a password in it, so every message that leaves a cloud adapter goes through a
 * {@link Redactor} first. The CLI uses the same function for its own output.
 */

/** Replaces credentials in a text; returns the text unchanged when there are none. */
export type Redactor = (text: string) => string;

/** What replaces a redacted value. */
export const REDACTED = '***';

// Secrets shorter than this are not replaced literally: redacting every "ab" in a message would
// make it unreadable, and a real SecretId/SecretKey/token is far longer.
const MIN_LITERAL_LENGTH = 4;

/**
 * Patterns that are redacted whatever the configured secrets are. Each one keeps the label and
 * hides the value, so a reader still sees that an Authorization header or a password was there.
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // A whole TC3 (or legacy) authorization value: "TC3-HMAC-SHA256 Credential=AKID…/…, SignedHeaders=…, Signature=…".
  [/\b(TC3-HMAC-SHA256|HmacSHA256|HmacSHA1)\s+Credential=[^\r\n"']*/gi, `$1 ${REDACTED}`],
  // Authorization / Proxy-Authorization / X-TC-Token headers, in "Name: value" or JSON `"name":"value"` form.
  [/\b((?:proxy-)?authorization|x-tc-token)(["']?\s*[:=]\s*["']?)[^\r\n"']+/gi, `$1$2${REDACTED}`],
  // Loose signature and credential fragments, e.g. a query string of the legacy signing method.
  [/\b(Signature|Credential)=[^\s,&"']+/g, `$1=${REDACTED}`],
  // key=value and "key": "value" forms of the usual secret names (SecretKey, secret_id, token, password…).
  [
    /\b((?:tencentcloud[_-]?)?(?:secret[_-]?(?:key|id)|session[_-]?token|access[_-]?token|token|password|passwd|pwd))(["']?\s*[:=]\s*["']?)(?!\*\*\*)[^\s"'&,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // Userinfo in a URL: scheme://user:password@host → scheme://***@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:"']+(?::[^\s/@"']*)?@/gi, `$1${REDACTED}@`],
  // The shape of a Tencent Cloud SecretId, even one that is not the configured one.
  [/\bAKID[A-Za-z0-9]{12,}/g, `AKID${REDACTED}`],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a redactor that hides the given secrets (and their URL-encoded and JSON-escaped forms)
 * and every value matching the built-in credential patterns.
 *
 * @param secrets Values to hide wherever they appear: SecretId, SecretKey, session token,
 *   proxy password. Empty and undefined entries are ignored.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined> = []): Redactor {
  const literals = new Set<string>();
  for (const s of secrets) {
    if (s === undefined || s.length < MIN_LITERAL_LENGTH) continue;
    literals.add(s);
    literals.add(encodeURIComponent(s));
    literals.add(JSON.stringify(s).slice(1, -1));
  }
  // Longest first, so a secret that contains another one is replaced whole.
  const ordered = [...literals].sort((a, b) => b.length - a.length);
  const literalPattern = ordered.length === 0 ? undefined : new RegExp(ordered.map(escapeRegExp).join('|'), 'g');
  return (text: string): string => {
    let out = text;
    if (literalPattern !== undefined) out = out.replace(literalPattern, REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/** Hides credentials in `text`: the given secrets and every built-in credential pattern. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  return createRedactor(secrets)(text);
}

/**
 * A URL made safe to print: userinfo (user and password) replaced, and a value that does not
 * parse as a URL redacted by pattern. Use it to say which proxy or endpoint is in use.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username !== '' || u.password !== '') {
      u.username = REDACTED;
      u.password = '';
    }
    return u.toString();
  } catch {
    return redact(url);
  }
}
