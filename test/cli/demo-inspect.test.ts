import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../support/memory-io.js';

/** Resolves once `read()` matches `pattern` (checked on every output write, no sleeping). */
function waitForOutput(read: () => string, onWrite: (listener: () => void) => void, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve) => {
    const check = () => {
      const match = pattern.exec(read());
      if (match) resolve(match);
    };
    onWrite(check);
    check();
  });
}

describe('demo --inspect', () => {
  it('waits for a viewer page before playing the person, then shows the whole flow to it', async () => {
    const listeners: Array<() => void> = [];
    const captured = memoryIo({});
    const write = captured.io.stdout.write.bind(captured.io.stdout);
    captured.io.stdout.write = (text: string) => {
      const result = write(text);
      listeners.forEach((l) => l());
      return result;
    };
    const running = main(['demo', '--inspect', '--no-qr'], captured.io);
    const [, url] = await waitForOutput(captured.stdout, (l) => listeners.push(l), /Open (http:\/\/127\.0\.0\.1:\d+\/?) to watch/);
    // Nothing happens until a page connects: no code has been asked for yet.
    expect(captured.stdout()).not.toContain('enter the code');

    const controller = new AbortController();
    const stream = await fetch(new URL("/events", url), { signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    let received = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += decoder.decode(value, { stream: true });
      }
    })().catch(() => undefined);

    expect(await running).toBe(EXIT.ok);
    await reading;
    expect(captured.stdout()).toMatch(/enter the code: [A-Z0-9]{8}/);
    expect(received).toContain('authorized');
    expect(received).not.toContain('mock-client-secret');
  });
});

describe('login --inspect on a terminal', () => {
  it('keeps the viewer open with the final state until Ctrl-C, and keeps the exit code', async () => {
    const { startMockServer } = await import('../../src/mock/index.js');
    const server = await startMockServer({ interval: 0.05, autoApproveAfterPolls: 0 });
    try {
      const listeners: Array<() => void> = [];
      const captured = memoryIo({ TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url });
      const write = captured.io.stdout.write.bind(captured.io.stdout);
      captured.io.stdout = {
        isTTY: true,
        columns: 100,
        write: (text: string) => {
          const result = write(text);
          listeners.forEach((l) => l());
          return result;
        },
      };
      const running = main(['login', '--inspect', '--no-qr', '--token-file', `/tmp/device-auth-inspect-${process.pid}.json`], captured.io);
      const [, url] = await waitForOutput(captured.stdout, (l) => listeners.push(l), /stays open at (http:\/\/127\.0\.0\.1:\d+\/?) with the final state/);
      // A page opened after the flow still gets the page and the final state.
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      captured.interrupt();
      expect(await running).toBe(EXIT.ok);
      await expect(fetch(url!)).rejects.toThrow();
    } finally {
      await server.close();
      await rm(`/tmp/device-auth-inspect-${process.pid}.json`, { force: true });
    }
  });
});
