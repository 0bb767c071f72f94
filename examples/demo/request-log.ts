/**
 * The in-memory server's request log, shown under the demo: the latest requests the widget made
 * (method, path, status), as the server logged them (no bodies, credentials redacted).
 */
import type { MockFetch, MockLogEntry } from 'device-auth-machine/mock/fetch';

/** How many requests the list shows (the latest). */
const SHOWN = 8;

/** Keeps `list` (an `<ol>`) showing the latest requests of `mock`; returns an unsubscribe function. */
export function mountRequestLog(list: HTMLOListElement, mock: Pick<MockFetch, 'on' | 'log'>, startedAt: number): () => void {
  const render = (entries: readonly MockLogEntry[]): void => {
    const latest = entries.slice(-SHOWN);
    list.replaceChildren(
      ...latest.map((entry) => {
        const item = document.createElement('li');
        const seconds = ((entry.time - startedAt) / 1000).toFixed(1);
        item.textContent = `${seconds} s  ${entry.method} ${entry.path} → ${entry.status}`;
        item.dataset.status = String(entry.status);
        return item;
      }),
    );
    if (latest.length === 0) list.append(Object.assign(document.createElement('li'), { textContent: 'No request yet.' }));
  };
  render(mock.log);
  return mock.on('request', () => render(mock.log));
}
