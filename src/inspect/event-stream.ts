/**
 * One viewer page's event stream, with a bound on what this process holds for a page that does
 * not read. A page that reads takes every frame as it is written. A page that stops reading (a hung
 * tab, a client that connects to `/events` and never reads) first fills the operating system's
 * socket buffers; then `write()` returns `false` and what the page has not taken piles up in the
 * response (`writableLength`). A frame is written only while what waits for the page stays
 * within `maxBufferedBytes`, plus what of its replay was still waiting right after the replay was
 * written (a page that reconnects into a busy flow must not be dropped for its replay alone); the
 * frame that would take it past that drops the page instead: its connection is cut, which frees
 * what it held at once (ending the stream would wait for a flush that never comes). A browser's
 * `EventSource` reconnects by itself and is sent the viewer's bounded replay, the only history
 * any page gets. So what waits for one page is at most `maxBufferedBytes` plus one replay.
 *
 * Frames written in one burst (one tick) cannot be flushed in between, so the cap must exceed
 * the largest burst a flow produces, or a page that reads is dropped too.
 */
import type { ServerResponse } from 'node:http';

/** Default of `maxBufferedBytes`: how far (in bytes) a page may fall behind before it is dropped. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Room for HTTP/1.1 chunked framing around a frame (its size line and two CRLFs), at most. */
const CHUNK_FRAMING_BYTES = 32;

/** What {@link openEventStream} needs besides the response. */
export interface EventStreamOptions {
  /** How far (in bytes not yet taken by the page) it may fall behind before it is dropped. */
  readonly maxBufferedBytes: number;
  /**
   * Frames sent first, whatever their size (the replay a page needs to show the current state);
   * what of them is still waiting when they are written is allowed on top of `maxBufferedBytes`.
   */
  readonly replay: Iterable<Uint8Array | string>;
  /** Called once when the page is dropped for falling behind. */
  readonly onDrop: () => void;
}

/** A page's event stream; see {@link openEventStream}. */
export interface EventStream {
  /** Bytes written for this page that it has not taken yet (0 once its connection is cut). */
  readonly buffered: number;
  /**
   * Writes one frame, or drops the page when the frame would take it more than
   * `maxBufferedBytes` behind. Returns `false` when the page is (now or already) dropped.
   */
  send(frame: Uint8Array): boolean;
  /** Ends the stream once what is buffered has been written; resolves then (or when it is cut). */
  finish(): Promise<void>;
}

/**
 * Writes the replay to a response whose `text/event-stream` head is sent, and returns the stream
 * for live frames.
 *
 * @param response - The response to `GET /events`, head already written.
 * @param options - The cap, the replay and what to do when the page is dropped.
 */
export function openEventStream(response: ServerResponse, options: EventStreamOptions): EventStream {
  for (const frame of options.replay) response.write(frame);
  const limit = options.maxBufferedBytes + response.writableLength;
  let dropped = false;
  let finished = false;
  return {
    get buffered() {
      return dropped || response.destroyed ? 0 : response.writableLength;
    },
    send(frame) {
      if (dropped) return false;
      if (response.destroyed || finished) return true;
      if (response.writableLength + frame.byteLength + CHUNK_FRAMING_BYTES > limit) {
        dropped = true;
        response.destroy();
        options.onDrop();
        return false;
      }
      response.write(frame);
      return true;
    },
    finish() {
      finished = true;
      return new Promise<void>((done) => {
        if (response.destroyed) done();
        else {
          response.once('close', done);
          response.end();
        }
      });
    },
  };
}
