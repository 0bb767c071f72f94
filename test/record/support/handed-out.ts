/**
 * Every secret a mock hands out, captured as it is made: its `generate` option wraps the default
 * generator and keeps each device code, access token and refresh token (user codes are shown to
 * people and are not secret). With the client secret, the list a leak check must scan for.
 */
import { defaultGenerate, type MockGenerate, type MockSecretKind } from '../../../src/mock/codes.js';

/** The secrets handed out so far, by kind, and the `generate` option that collects them. */
export interface HandedOut {
  readonly generate: MockGenerate;
  /** Every device code, access token and refresh token made so far, labelled. */
  secrets(): Record<string, string>;
  /** How many values of `kind` were made. */
  count(kind: MockSecretKind): number;
}

/** A collector; pass `generate` to `startMockServer` or `createMockFetch`. */
export function handedOut(): HandedOut {
  const made: Array<{ kind: MockSecretKind; value: string }> = [];
  return {
    generate(kind) {
      const value = defaultGenerate(kind);
      made.push({ kind, value });
      return value;
    },
    secrets() {
      const labelled: Record<string, string> = {};
      made.forEach(({ kind, value }, index) => {
        if (kind !== 'user_code') labelled[`${kind} #${index}`] = value;
      });
      return labelled;
    },
    count: (kind) => made.filter((entry) => entry.kind === kind).length,
  };
}
