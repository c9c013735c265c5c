/**
 * "Did you mean …?" for keys, editions and time zones: the closest candidate by edit distance,
 * when it is close enough to be a likely typo.
 */

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/**
 * The candidate closest to `word`, or `undefined` when none is within a third of the word's
 * length (at least 2 edits), so unrelated words get no misleading suggestion.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // A truncated or misspelt prefix of a longer key (`bandwith` for `bandwidthMBps`) counts as
    // close, at the price of one edit.
    const prefix = c.length > word.length + 1 ? editDistance(word, c.slice(0, word.length + 1)) + 1 : Infinity;
    // It takes at least as many edits as the lengths differ: not measured when that many would be
    // past the limit or no better than the best so far, which could not change the answer.
    const whole = Math.abs(c.length - word.length) <= Math.min(limit, bestDistance - 1) ? editDistance(word, c) : Infinity;
    const d = Math.min(whole, prefix);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
