/**
 * Reads a response body as text without ever holding more than a byte limit: the HTTP seam's
 * size cap and the trace recorder's body capture both read through it.
 */

interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}

/**
 * The body as text, or `undefined` when it is larger than `maxBytes` (the rest of the stream is
 * cancelled). Reads the stream chunk by chunk where there is one (`body.getReader()`), else the
 * whole text through `readText` and measures it in UTF-8 bytes.
 *
 * @param body - A Fetch `Response.body` (a ReadableStream), or anything else when there is none.
 * @param readText - Reads the whole body at once, for bodies that are not streams.
 * @param maxBytes - The largest body accepted.
 */
export async function readCappedText(body: unknown, readText: () => Promise<string>, maxBytes: number): Promise<string | undefined> {
  const stream = body as { getReader?: () => ByteReader } | null | undefined;
  if (!stream || typeof stream.getReader !== 'function') {
    const text = await readText();
    return new TextEncoder().encode(text).byteLength > maxBytes ? undefined : text;
  }
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: a tee'd branch's cancel settles only once the other branch is read too.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
