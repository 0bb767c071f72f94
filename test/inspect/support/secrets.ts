/** Leak checks: every named secret must be absent from every text an output produced. */
import { expect } from 'vitest';

/** The secrets of one flow, by name, so a failure says which one leaked. */
export type FlowSecrets = Record<string, string>;

/** Asserts that none of `secrets` occurs in `text` (and that each secret is long enough to be a real check). */
export function expectNoSecrets(where: string, text: string, secrets: FlowSecrets): void {
  for (const [name, secret] of Object.entries(secrets)) {
    expect(secret.length, `${name} is too short to be a meaningful check`).toBeGreaterThanOrEqual(8);
    expect(text.includes(secret), `${where} contains the ${name}`).toBe(false);
  }
}
