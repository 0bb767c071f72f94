/**
 * The answers of scripted faults (`fault-plan.ts`): each {@link MockScriptedFault} turned into the
 * reply the transport writes. Faults that need the real answer (`patch`, `slow`) or time (`hang`,
 * `slow`) get them through {@link ScriptedFaultIo}, so this file holds no state and no socket.
 */

import { cutReply } from './fault-cut.js';
import type { MockScriptedFault } from './fault-plan.js';
import type { MockDelay } from './options.js';
import { DROP_REPLY, jsonReply, type MockHttpReply, type MockReply } from './reply.js';

/** What answering a scripted fault may need from the handler. */
export interface ScriptedFaultIo {
  /** The real answer (the Trakt header check and the route's handler), decided now. */
  readonly answer: () => Promise<MockReply>;
  /** Aborts when the client goes away or the mock closes: a held answer then becomes a drop. */
  readonly gone: AbortSignal;
  /** How a `slow` fault waits. */
  readonly delay: MockDelay;
  /** The request's path, the default target of a `redirect`. */
  readonly path: string;
}

/** Resolves when `signal` aborts (at once when it already has). */
function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** `reply` with its JSON object body's fields replaced or removed; other bodies are left as they are. */
export function patchReply(reply: MockReply, set: Readonly<Record<string, unknown>> = {}, remove: readonly string[] = []): MockReply {
  if (reply.kind !== 'http') return reply;
  let value: unknown;
  try {
    value = JSON.parse(reply.body);
  } catch {
    return reply;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return reply;
  const patched: Record<string, unknown> = { ...(value as Record<string, unknown>), ...set };
  for (const name of remove) delete patched[name];
  return { ...reply, body: JSON.stringify(patched) };
}

/** A 200 JSON-looking body of exactly `bytes` bytes (an object with one long string). */
function oversizeReply(bytes: number, declareLength: boolean): MockHttpReply {
  const frame = '{"padding":""}';
  const body = bytes <= frame.length ? 'x'.repeat(bytes) : `{"padding":"${'x'.repeat(bytes - frame.length)}"}`;
  const reply = jsonReply(200, null, declareLength ? {} : { 'Transfer-Encoding': 'chunked' });
  return { ...reply, body };
}

/** The answer to one scripted fault. Never rejects: a held answer the client left becomes a drop. */
export async function scriptedFaultReply(fault: MockScriptedFault, io: ScriptedFaultIo): Promise<MockReply> {
  switch (fault.kind) {
    case 'answer': {
      const type = fault.contentType === undefined ? {} : { 'Content-Type': fault.contentType };
      return { kind: 'http', status: fault.status, headers: { ...type, ...fault.headers }, body: fault.body ?? '' };
    }
    case 'patch':
      return patchReply(await io.answer(), fault.set, fault.remove);
    case 'oversize':
      return oversizeReply(fault.bytes, fault.declareLength !== false);
    case 'reset': {
      const body = JSON.stringify({ access_token: 'cut-'.repeat(16), token_type: 'bearer', expires_in: 7200 });
      return cutReply({ ...jsonReply(fault.status ?? 200, null), body }, body.length / 2);
    }
    case 'drop':
      return DROP_REPLY;
    case 'hang':
      await untilAborted(io.gone);
      return DROP_REPLY;
    case 'slow': {
      const reply = await io.answer();
      try {
        await io.delay(fault.ms, io.gone);
      } catch {
        return DROP_REPLY;
      }
      return reply;
    }
    case 'redirect':
      return { kind: 'http', status: fault.status ?? 307, headers: { Location: fault.location ?? io.path }, body: '' };
  }
}
