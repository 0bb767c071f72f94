/**
 * Reads a `node:http` request body into memory with a size cap, so a runaway client cannot exhaust
 * the mock. Node only: the in-memory fetch reads its `Request` instead.
 */

import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from './reply.js';

export { MAX_BODY_BYTES } from './reply.js';

/**
 * Resolves with the whole body, or `undefined` as soon as it grows past `limit` bytes (the rest is
 * discarded). Rejects when the client aborts the request before it is complete.
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) settle(() => resolve(undefined));
      else chunks.push(chunk);
    });
    request.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    request.on('error', (error) => settle(() => reject(error)));
    request.on('close', () => settle(() => reject(new Error('the client closed the request before its body was complete'))));
  });
}
