/** Cycles never throw or loop: a reference back to an object being copied becomes "[circular]". */
import { describe, expect, it } from 'vitest';
import { CIRCULAR, REDACTED, redact } from '../../src/redact/redact.js';

describe('cycles', () => {
  it('an object that contains itself', () => {
    const a: Record<string, unknown> = { name: 'a', accessToken: 'x' };
    a.self = a;
    expect(redact(a)).toEqual({ name: 'a', accessToken: REDACTED, self: CIRCULAR });
  });

  it('cycles through arrays, Maps and Sets', () => {
    const list: unknown[] = [];
    const map = new Map<string, unknown>([['list', list]]);
    const set = new Set<unknown>([map]);
    list.push(set);
    const copy = redact({ list });
    expect(copy).toEqual({ list: [[{ list: CIRCULAR }]] });
    expect(() => JSON.stringify(copy)).not.toThrow();
  });

  it('a shared (non-cyclic) object is copied in both places, not marked circular', () => {
    const shared = { refresh_token: 'r', label: 'shared' };
    expect(redact({ a: shared, b: [shared] })).toEqual({ a: { refresh_token: REDACTED, label: 'shared' }, b: [{ refresh_token: REDACTED, label: 'shared' }] });
  });

  it('an error whose cause is itself', () => {
    const error = new Error('loop');
    (error as { cause?: unknown }).cause = error;
    expect(redact(error)).toEqual({ name: 'Error', message: 'loop', cause: CIRCULAR });
  });

  it('a large cyclic graph finishes quickly', () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => ({ i, next: undefined as unknown, token: `t${i}` }));
    nodes.forEach((node, i) => (node.next = nodes[(i + 1) % nodes.length]));
    const started = performance.now();
    const copy = redact({ nodes });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(JSON.stringify(copy)).not.toContain('"t1"');
  });
});
