/**
 * Answers of a pure, costly computation remembered by key, up to a bound: the time-zone checks
 * and conversions are asked the same few questions once per instance. At the bound the memory
 * starts over, so a stream of distinct (hostile) keys cannot grow it without end.
 */
export function boundedMemo<V>(limit: number): (key: string, compute: () => V) => V {
  const answers = new Map<string, V>();
  return (key, compute) => {
    if (answers.has(key)) return answers.get(key) as V;
    const value = compute();
    if (answers.size >= limit) answers.clear();
    answers.set(key, value);
    return value;
  };
}
