/**
 * Waits on the viewer page's diagram for what the flow must reach, each checked inside the page in
 * one go. Reading the page after a wait races the flow: a poll every 100 ms moves the highlight
 * from `awaitingUser.waiting` to `awaitingUser.polling` and back, and on a busy machine that
 * happens between the wait and the read. They give up after 30 s, as Playwright's own waits do.
 */
import type { Page } from 'playwright-core';

/** How long {@link waitForHighlighted} waits before it fails, as Playwright's own waits do. */
const WAIT_MS = 30_000;

/**
 * Resolves when exactly `ids` are highlighted, all at the same moment. A `MutationObserver` in
 * the page checks after every change to the diagram, so a state held for a single message is
 * seen too (a check on each frame can miss one on a busy machine). After 30 s it fails, naming
 * what was highlighted last.
 */
export async function waitForHighlighted(page: Page, ids: readonly string[]): Promise<void> {
  const wanted = [...ids].sort();
  const outcome = await page.evaluate(
    ({ expected, waitMs }) =>
      new Promise<{ ok: boolean; last: string[] }>((resolve) => {
        const diagram = document.getElementById('diagram');
        const active = (): string[] =>
          Array.from(document.querySelectorAll('#diagram g.active'), (node) => node.getAttribute('data-state-id') ?? '').sort();
        const matches = (now: string[]): boolean => now.length === expected.length && now.every((id, index) => id === expected[index]);
        if (diagram === null || matches(active())) {
          resolve({ ok: diagram !== null, last: active() });
          return;
        }
        const observer = new MutationObserver(() => {
          if (!matches(active())) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve({ ok: true, last: active() });
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          resolve({ ok: false, last: active() });
        }, waitMs);
        observer.observe(diagram, { subtree: true, attributes: true, attributeFilter: ['class'] });
      }),
    { expected: wanted, waitMs: WAIT_MS },
  );
  if (!outcome.ok) throw new Error(`expected exactly [${wanted.join(', ')}] highlighted; after ${WAIT_MS} ms: [${outcome.last.join(', ')}]`);
}

/** Whether the state's node is wholly inside the visible part of the diagram pane now. */
export function inView(page: Page, stateId: string): Promise<boolean> {
  return page.locator('#diagram-view').evaluate((view, id) => {
    const node = view.querySelector(`g[data-state-id="${id}"]`)!.getBoundingClientRect();
    const pane = view.getBoundingClientRect();
    return node.left >= pane.left && node.right <= pane.left + view.clientWidth && node.top >= pane.top && node.bottom <= pane.top + view.clientHeight;
  }, stateId);
}

/**
 * Resolves when the state's node is wholly in view in the diagram pane, checked on every frame
 * (the pane scrolls smoothly to follow the flow, and scrolling changes no markup).
 */
export async function waitForInView(page: Page, stateId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const view = document.getElementById('diagram-view');
      const target = view?.querySelector(`g[data-state-id="${id}"]`);
      if (!view || !target) return false;
      const node = target.getBoundingClientRect();
      const pane = view.getBoundingClientRect();
      return node.left >= pane.left && node.right <= pane.left + view.clientWidth && node.top >= pane.top && node.bottom <= pane.top + view.clientHeight;
    },
    stateId,
    { polling: 'raf' },
  );
}
