/**
 * Learning secrets from raw values: strings under secret names are learned (so they are also
 * scrubbed where they appear under other names or in text); actor internals are not walked.
 */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { harvestSecrets, MIN_HARVESTED_SECRET_LENGTH } from '../../src/redact/harvest-secrets.js';
import { createInspectionRedactor } from '../../src/redact/inspection-redactor.js';

const harvest = (value: unknown): string[] => {
  const found: string[] = [];
  harvestSecrets(value, (secret) => found.push(secret));
  return found;
};

describe('harvestSecrets', () => {
  it('finds secrets by name at any depth, in any spelling, and request-body codes', () => {
    expect(
      harvest({
        codes: { deviceCode: 'device-code-1', userCode: 'ABCD2345' },
        output: { outcome: { token: { accessToken: 'access-token-1', refresh_token: 'refresh-token-1', tokenType: 'bearer' } } },
        list: [new Map([['Client-Secret', 'client-secret-1']])],
        body: { client_id: 'id', code: 'device-code-2' },
        notABody: { code: 'not-a-secret' },
      }),
    ).toEqual(['device-code-1', 'access-token-1', 'refresh-token-1', 'client-secret-1', 'device-code-2']);
  });

  it('ignores short values and values already redacted, and survives cycles', () => {
    const cyclic: Record<string, unknown> = { deviceCode: 'x'.repeat(MIN_HARVESTED_SECRET_LENGTH - 1), accessToken: '[redacted]' };
    cyclic.self = cyclic;
    expect(harvest(cyclic)).toEqual([]);
  });

  it('reads machine snapshots by their parts and never walks into actors', () => {
    const machine = createMachine({ id: 'm', context: { refreshToken: 'refresh-token-2' } });
    const actor = createActor(machine).start();
    expect(harvest({ snapshot: actor.getSnapshot(), actorRef: actor })).toEqual(['refresh-token-2']);
    actor.stop();
  });
});

describe('createInspectionRedactor', () => {
  it('once learned, a secret is scrubbed wherever it appears', () => {
    const redactor = createInspectionRedactor({ secrets: ['client-secret-3'] });
    redactor.learn({ context: { codes: { deviceCode: 'device-code-3' } } });
    expect(redactor.secretCount).toBe(2);
    expect(redactor.redact({ message: 'polling with device-code-3 and client-secret-3', url: 'https://x/?c=device-code-3' })).toEqual({
      message: 'polling with [redacted] and [redacted]',
      url: 'https://x/?c=[redacted]',
    });
  });
});
