/**
 * Property test: random nested values (objects, arrays, Maps, Sets, errors with causes, class
 * instances, cycles, request bodies, free text) with secrets planted under secret names and inside
 * strings. After redaction, none of the planted secrets appears in the JSON. Seeded, so a failure
 * names a seed that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/redact/redact.js';

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECRET_NAMES = [
  'accessToken', 'access_token', 'ACCESS-TOKEN', 'refreshToken', 'refresh_token', 'clientSecret', 'client_secret',
  'deviceCode', 'device_code', 'Device-Code', 'password', 'PASSWORD', 'authorization', 'Authorization',
];
const HARMLESS_NAMES = ['type', 'scope', 'userCode', 'message', 'value', 'items', 'expiresIn', 'state', 'interval', 'tokenType'];
const WORDS = ['polling', 'the', 'server', 'said', 'slow', 'down', 'ok', 'retry', 'after', 'code', 'token:', 'id=3', '{', '"x"'];

class Holder {
  constructor(public payload: unknown, public label: string) {}
}

interface Generated {
  readonly value: unknown;
  /** Secrets planted under secret names: found by name only. */
  readonly byName: string[];
  /** Secrets planted inside text: passed to redact as known secrets. */
  readonly known: string[];
}

function generate(seed: number): Generated {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const byName: string[] = [];
  const known: string[] = [];
  const secret = (kind: string): string => `${kind}${Math.floor(random() * 1e12).toString(36)}Z${Math.floor(random() * 1e9).toString(36)}`;
  const text = (): string => {
    const words = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(WORDS));
    if (random() < 0.35) {
      const planted = secret('K');
      known.push(planted);
      words.splice(Math.floor(random() * (words.length + 1)), 0, random() < 0.5 ? planted : `x${planted}y`);
    }
    return words.join(random() < 0.5 ? ' ' : '');
  };
  const containers: object[] = [];
  const node = (depth: number): unknown => {
    const roll = random();
    if (depth > 4 || roll < 0.3) {
      const leaf = random();
      if (leaf < 0.6) return text();
      if (leaf < 0.75) return Math.floor(random() * 1000);
      if (leaf < 0.85) return random() < 0.5;
      return containers.length > 0 && random() < 0.5 ? pick(containers) : null; // cycles and shared refs
    }
    const fields = (): Array<[string, unknown]> => {
      const entries: Array<[string, unknown]> = [];
      for (let i = Math.floor(random() * 5); i >= 0; i -= 1) {
        if (random() < 0.3) {
          const planted = secret('N');
          byName.push(planted);
          const name = pick(SECRET_NAMES);
          entries.push([name, name.toLowerCase() === 'authorization' ? `Bearer ${planted}` : planted]);
        } else {
          entries.push([`${pick(HARMLESS_NAMES)}${i}`, node(depth + 1)]);
        }
      }
      return entries;
    };
    const kind = random();
    if (kind < 0.3) {
      const object = Object.fromEntries(fields());
      containers.push(object);
      return object;
    }
    if (kind < 0.45) {
      const array = Array.from({ length: Math.floor(random() * 4) }, () => node(depth + 1));
      containers.push(array);
      return array;
    }
    if (kind < 0.55) return new Map(fields());
    if (kind < 0.62) return new Set([node(depth + 1), node(depth + 1)]);
    if (kind < 0.72) return new Error(text(), { cause: node(depth + 1) });
    if (kind < 0.8) return new Holder(node(depth + 1), text());
    if (kind < 0.9) {
      const code = secret('N');
      byName.push(code);
      return { client_id: 'public-client', code, grant_type: 'device_code', extra: node(depth + 1) };
    }
    const planted = secret('N');
    byName.push(planted);
    return `grant_type=x&${pick(['device_code', 'refresh_token', 'client_secret', 'access_token'])}=${planted}&client_id=c`;
  };
  const value = { root: node(0), more: [node(1), node(1)] };
  return { value, byName, known };
}

describe('no planted secret survives redaction', () => {
  it('over 500 random values', () => {
    let planted = 0;
    for (let seed = 1; seed <= 500; seed += 1) {
      const { value, byName, known } = generate(seed);
      const json = JSON.stringify(redact(value, { secrets: known }));
      for (const secret of [...byName, ...known]) {
        planted += 1;
        expect(json.includes(secret), `seed ${seed}: ${secret} survived in ${json}`).toBe(false);
      }
    }
    expect(planted).toBeGreaterThan(500);
  });

  it('the generator is deterministic (a seed reproduces its value)', () => {
    expect(generate(42).byName).toEqual(generate(42).byName);
    expect(generate(42).known).toEqual(generate(42).known);
  });

  it('without the known secrets, text-planted secrets do survive (the test can fail)', () => {
    const leaked = Array.from({ length: 50 }, (_, i) => generate(i + 1)).some(
      ({ value, known }) => known.length > 0 && known.some((secret) => JSON.stringify(redact(value)).includes(secret)),
    );
    expect(leaked).toBe(true);
  });
});
