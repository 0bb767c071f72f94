/**
 * Looking for secret values anywhere inside a value, the way a person reading a log or a UI would
 * find them: every string, every property name, and the message, cause and extra fields of
 * errors (which `JSON.stringify` would silently skip).
 */

/** Real timer functions, captured before any test fakes them: flushing must not move fake time. */
const realSetImmediate = globalThis.setImmediate;

/** Lets every pending promise callback run (one real macrotask), without firing any fake timer. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** Every string inside `value`: values, keys, error messages and causes. Cycles are safe. */
export function stringsIn(value: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const visit = (current: unknown, depth: number): void => {
    if (typeof current === 'string') {
      found.push(current);
      return;
    }
    if (typeof current !== 'object' || current === null || depth > 40 || seen.has(current)) return;
    seen.add(current);
    if (current instanceof Error) {
      found.push(current.message);
      visit((current as Error & { cause?: unknown }).cause, depth + 1);
    }
    if (current instanceof Map) {
      for (const [key, item] of current) {
        visit(key, depth + 1);
        visit(item, depth + 1);
      }
      return;
    }
    if (current instanceof Set || Array.isArray(current)) {
      for (const item of current as Iterable<unknown>) visit(item, depth + 1);
      return;
    }
    for (const key of Object.keys(current)) {
      found.push(key);
      let item: unknown;
      try {
        item = (current as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      visit(item, depth + 1);
    }
  };
  visit(value, 0);
  return found;
}

/** The secrets (from `secrets`) that occur inside `value`, each once. */
export function secretsIn(value: unknown, secrets: Iterable<string>): string[] {
  const text = stringsIn(value).join('\u0000');
  const leaked = new Set<string>();
  for (const secret of secrets) if (secret !== '' && text.includes(secret)) leaked.add(secret);
  return [...leaked];
}

/** The secrets that occur inside a string (e.g. a JSON line). */
export function secretsInText(text: string, secrets: Iterable<string>): string[] {
  const leaked = new Set<string>();
  for (const secret of secrets) if (secret !== '' && text.includes(secret)) leaked.add(secret);
  return [...leaked];
}
