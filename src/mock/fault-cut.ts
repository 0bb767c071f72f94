/**
 * Answers that are cut off mid-way (a `reset` fault): the transport sends the status line, the
 * headers and the first bytes of the body, then destroys the connection. The reply stays an
 * ordinary HTTP reply (logged with its status like any other, given CORS headers like any other);
 * the cut travels with it as an internal header that the transport removes before writing.
 */

import type { MockHttpReply } from './reply.js';

/** The internal header carrying the cut: never sent. */
const CUT_HEADER = 'X-Mock-Internal-Cut-After-Bytes';

/** `reply` marked to be cut after `afterBytes` bytes of its body. */
export function cutReply(reply: MockHttpReply, afterBytes: number): MockHttpReply {
  return { ...reply, headers: { ...reply.headers, [CUT_HEADER]: String(Math.max(0, Math.floor(afterBytes))) } };
}

/**
 * How many body bytes of `reply` to send before destroying the connection (`undefined` for a reply
 * sent whole), and the headers to send (without the internal one). A transport without a connection
 * to cut (the in-memory fetch) should treat a cut reply as a dropped connection.
 */
export function takeCut(reply: MockHttpReply): { cutAfter: number | undefined; headers: Record<string, string> } {
  const { [CUT_HEADER]: cut, ...headers } = reply.headers;
  return { cutAfter: cut === undefined ? undefined : Number(cut), headers };
}
