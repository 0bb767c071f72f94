/**
 * Reads the offline viewer's event stream the way a page does (a real HTTP request to
 * `/events`), keeping every byte received and every message parsed, and lets tests wait for a
 * message instead of sleeping.
 */
import type { ViewerMessage, ViewerSnapshotMessage } from '../../../src/inspect/viewer-messages.js';

/** A snapshot of the root actor (the flow itself), not of one of its children. */
export const isRootSnapshot = (message: ViewerMessage): message is ViewerSnapshotMessage =>
  message.type === '@xstate.snapshot' && message.sessionId === message.rootId;

export interface SseCollector {
  /** Every message parsed so far, in arrival order. */
  readonly messages: ViewerMessage[];
  /** Every byte received so far, as text (what a leak check must scan). */
  readonly raw: () => string;
  /** Resolves with the first message (already received or not) matching `predicate`. */
  waitFor(predicate: (message: ViewerMessage) => boolean): Promise<ViewerMessage>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  /** Stops reading. */
  stop(): void;
}

/** Connects to `<viewerUrl>events` and collects until the server ends the stream or `stop()`. */
export async function collectSse(viewerUrl: string): Promise<SseCollector> {
  const controller = new AbortController();
  const response = await fetch(new URL('events', viewerUrl), { signal: controller.signal });
  if (!response.ok || response.body === null) throw new Error(`events: HTTP ${response.status}`);
  const messages: ViewerMessage[] = [];
  const waiters: Array<{ predicate: (message: ViewerMessage) => boolean; resolve: (message: ViewerMessage) => void; reject: (error: Error) => void }> = [];
  let raw = '';
  let pending = '';
  const take = (frame: string): void => {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length))
      .join('\n');
    if (data === '') return;
    const message = JSON.parse(data) as ViewerMessage;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  };
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        pending += text;
        let cut = pending.indexOf('\n\n');
        while (cut !== -1) {
          take(pending.slice(0, cut));
          pending = pending.slice(cut + 2);
          cut = pending.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`event stream ended before the message arrived; got ${messages.length} messages`));
    }
  })();
  return {
    messages,
    raw: () => raw,
    ended,
    stop: () => controller.abort(),
    waitFor: (predicate) =>
      new Promise((resolve, reject) => {
        const found = messages.find(predicate);
        if (found !== undefined) resolve(found);
        else waiters.push({ predicate, resolve, reject });
      }),
  };
}
