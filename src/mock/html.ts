/**
 * The shared HTML frame of the mock's pages: escaping and one small self-contained layout
 * (inline styles, no scripts, no external assets; readable without CSS).
 */

export { escapeHtml } from '../core/escape-html.js';
import { escapeHtml } from '../core/escape-html.js';

const STYLE = `
  :root { color-scheme: light dark; --accent: #ed1c24; --muted: #6b6b6b; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  main { max-width: 28rem; margin: 12vh auto 2rem; padding: 0 1.25rem; }
  .brand { color: var(--muted); font-size: .875rem; margin: 0 0 .5rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
  label { display: block; font-weight: 600; margin: 1.25rem 0 .35rem; }
  input { width: 100%; font: 600 1.6rem/1.2 ui-monospace, "SF Mono", Menlo, Consolas, monospace;
          letter-spacing: .2em; text-transform: uppercase; padding: .6rem .75rem;
          border: 2px solid #9a9a9a; border-radius: .5rem; }
  input:focus { outline: 3px solid var(--accent); outline-offset: 1px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
  button { flex: 1; font: inherit; font-weight: 600; padding: .7rem 1rem; border-radius: .5rem;
           border: 2px solid var(--accent); cursor: pointer; }
  button.approve { background: var(--accent); color: #fff; }
  button.deny { background: transparent; color: inherit; }
  button:focus-visible { outline: 3px solid currentColor; outline-offset: 2px; }
  .notice { padding: .75rem 1rem; border-radius: .5rem; border-left: 4px solid; margin: 1rem 0; }
  .notice.ok { border-color: #1a7f37; background: rgba(26,127,55,.1); }
  .notice.error { border-color: #cf222e; background: rgba(207,34,46,.1); }
  .note { color: var(--muted); font-size: .875rem; margin-top: 2rem; }
  a { color: inherit; }
`;

/** A complete HTML document with the mock's layout around `content` (already-escaped markup). */
export function htmlPage(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">device-auth-machine &middot; mock Trakt server</p>
${content}
<p class="note">This is a local mock server for development and tests. No real account is involved.</p>
</main>
</body>
</html>
`;
}
