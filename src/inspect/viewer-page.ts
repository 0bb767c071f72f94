/**
 * The offline viewer's one HTML page: the state diagram inline, the timeline, the context, the
 * event log, the styles and the script, all in one document. Nothing is loaded from anywhere else,
 * and the page's Content-Security-Policy forbids it. Two modes:
 *
 * - `live`: the page follows a running flow over the event stream at `./events`
 *   (`connect-src 'self'`, nothing else).
 * - `replay`: the page shows a recorded trace embedded in it, as JSON in a
 *   `<script type="application/json">` (data, never run; `<`, `>`, `&` and the JavaScript line
 *   separators escaped so no text in the trace can end the element). It connects to nothing, so
 *   the same document works served from 127.0.0.1 or opened from disk.
 */
import { VIEWER_SCRIPT } from './viewer-script.js';
import { escapeHtml } from '../core/escape-html.js';

/** What the page shows before the first message arrives. */
export interface ViewerPageOptions {
  /** The machine's id, shown in the title until the root actor announces itself. */
  readonly machineId: string;
  /** The diagram as an inline `<svg>` element, or `undefined` to show state names only. */
  readonly svg: string | undefined;
  /** The per-response nonce that lets the inline style and script run under the CSP. */
  readonly nonce: string;
  /**
   * A replay: the trace and the warning to show, as produced by {@link embedJson}. Without it the
   * page is live and reads `./events`.
   */
  readonly replayJson?: string | undefined;
  /**
   * Put the Content-Security-Policy in the page itself (a `<meta>`), for a file opened from disk
   * where no server sends the header.
   */
  readonly inlinePolicy?: boolean | undefined;
}

/**
 * The page's Content-Security-Policy: inline code only with the nonce, and network only to itself
 * for the live event stream (none at all for a replay).
 *
 * @param nonce - The response's nonce.
 * @param mode - `live` allows `connect-src 'self'`; `replay` connects nowhere.
 * @param inMeta - Leave out what a `<meta>` policy cannot carry (`frame-ancestors`).
 */
export function viewerContentSecurityPolicy(nonce: string, mode: 'live' | 'replay' = 'live', inMeta = false): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    ...(mode === 'live' ? ["connect-src 'self'"] : []),
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    ...(inMeta ? [] : ["frame-ancestors 'none'"]),
  ].join('; ');
}

/**
 * `value` as JSON that can sit inside a `<script type="application/json">` element: `<`, `>` and
 * `&` become `\u003c`, `\u003e`, `\u0026` (no `</script>` or `<!--` can appear) and U+2028 /
 * U+2029 are escaped too. `JSON.parse` of the element's text gives `value` back.
 *
 * @param value - JSON-safe data.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const STYLES = `
:root { color-scheme: light; --ink: #1a202c; --muted: #4a5568; --line: #e2e8f0; --hi: #d97706; --hi-fill: #fef3c7; --travel: #6b46c1; --travel-fill: #f3effd; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; color: var(--ink); background: #f7fafc; }
header { display: flex; align-items: center; gap: 1rem; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.05rem; margin: 0; font-weight: 600; }
header h1 #machine { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
#connection { margin: 0; padding: .1rem .6rem; border-radius: 999px; font-size: .8rem; background: #edf2f7; color: var(--muted); }
#connection[data-status="live"] { background: #c6f6d5; color: #22543d; }
#connection[data-status="ended"] { background: #e2e8f0; color: #2d3748; }
#connection[data-status="replay"] { background: #e9d8fd; color: #44337a; }
#connection[data-status="reconnecting"] { background: #fed7d7; color: #822727; }
.current { margin-left: auto; display: flex; align-items: center; gap: .6rem; font-size: .95rem; }
#state { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-weight: 700; padding: .1rem .5rem; border-radius: 4px; background: var(--hi-fill); border: 2px solid var(--hi); }
body.travelling #state { background: var(--travel-fill); border-color: var(--travel); }
#moment { font-size: .8rem; color: var(--muted); font-variant-numeric: tabular-nums; }
body.travelling #moment { color: var(--travel); font-weight: 600; }
#live { font: inherit; font-size: .8rem; padding: .15rem .7rem; border-radius: 999px; border: 1px solid #cbd5e0; background: #fff; color: var(--ink); cursor: pointer; }
#live[aria-pressed="true"] { background: #edf2f7; color: var(--muted); cursor: default; }
#live:focus-visible { outline: 2px solid #2b6cb0; }
body.travelling #live { background: var(--travel); border-color: var(--travel); color: #fff; }
#warning { margin: 0; padding: .4rem 1rem; background: #fefcbf; color: #744210; border-bottom: 1px solid #f6e05e; font-size: .85rem; }
#timeline { flex: none; height: 64px; padding: 4px 1rem 2px; background: #fff; border-bottom: 1px solid var(--line); cursor: pointer; }
#timeline svg { display: block; width: 100%; height: 100%; overflow: visible; font: 10px system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; }
#timeline .band { stroke: #fff; stroke-width: 1px; }
#timeline .band-label { fill: #1a202c; pointer-events: none; }
#timeline .poll { stroke: #2f855a; stroke-width: 1.5px; }
#timeline .gap { fill: #2f855a; text-anchor: middle; pointer-events: none; font-variant-numeric: tabular-nums; }
#timeline .gap.slow { fill: #b45309; font-weight: 700; }
#timeline .cursor { stroke: var(--travel); stroke-width: 2px; }
#timeline .axis { fill: #718096; pointer-events: none; }
main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(340px, 31%); }
#diagram { position: relative; min-height: 0; display: flex; flex-direction: column; background: #fff; border-right: 1px solid var(--line); }
#diagram-view { flex: 1; min-height: 0; overflow: auto; padding: .5rem; }
#zoom ~ #diagram-view { padding-top: 2.8rem; }
#diagram-view:focus-visible { outline: 2px solid #2b6cb0; outline-offset: -2px; }
#diagram svg { display: block; max-width: none; margin: 0 auto; }
#zoom { position: absolute; top: .5rem; right: 1.2rem; z-index: 1; display: flex; align-items: center; gap: 2px; padding: 2px; border: 1px solid var(--line); border-radius: 6px; background: rgba(255, 255, 255, .94); box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
#zoom button { min-width: 2rem; height: 1.8rem; padding: 0 .45rem; border: 1px solid transparent; border-radius: 4px; background: none; color: var(--ink); font: inherit; font-size: .85rem; cursor: pointer; }
#zoom button:hover { background: #edf2f7; }
#zoom button:focus-visible { outline: 2px solid #2b6cb0; }
#zoom button[aria-pressed="true"] { background: #e2e8f0; border-color: #cbd5e0; }
#zoom output { min-width: 3.2rem; text-align: center; font-size: .8rem; color: var(--muted); font-variant-numeric: tabular-nums; }
#diagram .missing { color: var(--muted); padding: 2rem; }
#diagram g.node.visited > path, #diagram g.node.visited > polygon { stroke-width: 2.4px; }
#diagram g.node.active > path, #diagram g.node.active > polygon, #diagram g.node.active > ellipse { fill: var(--hi-fill); stroke: var(--hi); stroke-width: 5px; }
#diagram g.node.active { filter: drop-shadow(0 0 6px rgba(217, 119, 6, .85)); }
#diagram g.cluster.active > path, #diagram g.cluster.active > polygon { stroke: var(--hi); stroke-width: 5px; fill: #fffbeb; }
body.travelling #diagram g.node.active > path, body.travelling #diagram g.node.active > polygon, body.travelling #diagram g.node.active > ellipse { fill: var(--travel-fill); stroke: var(--travel); }
body.travelling #diagram g.node.active { filter: drop-shadow(0 0 6px rgba(107, 70, 193, .75)); }
body.travelling #diagram g.cluster.active > path, body.travelling #diagram g.cluster.active > polygon { stroke: var(--travel); fill: #faf7ff; }
aside { display: flex; flex-direction: column; min-height: 0; background: #fff; }
aside h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 0; padding: .5rem .8rem; border-bottom: 1px solid var(--line); background: #f7fafc; }
aside h2 .hint { text-transform: none; letter-spacing: 0; font-weight: 400; margin-left: .4rem; }
#context { flex: none; height: 38vh; margin: 0; padding: .5rem .8rem; overflow: auto; font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; white-space: pre-wrap; word-break: break-word; border-bottom: 1px solid var(--line); }
body.travelling #context { background: var(--travel-fill); }
#log-wrap { flex: 1; min-height: 0; overflow: auto; }
#log { list-style: none; margin: 0; padding: .25rem 0; font: 12px/1.35 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
#log:focus-visible { outline: 2px solid #2b6cb0; outline-offset: -2px; }
#log li { padding: .2rem .8rem; border-bottom: 1px solid #f1f5f9; overflow-wrap: anywhere; cursor: pointer; }
#log li:hover { background: #f7fafc; }
#log li .t { color: #718096; margin-right: .5rem; }
#log li .who { color: #2b6cb0; margin-right: .5rem; }
#log li .data { display: block; color: var(--muted); margin-top: .1rem; }
#log li.state { background: #fffbeb; }
#log li.state .who { color: var(--hi); font-weight: 700; }
#log li.state .data { display: inline; margin-left: .5rem; }
#log li.http .who { color: #2f855a; }
#log li.future { opacity: .45; }
#log li[aria-selected="true"] { background: var(--travel-fill); box-shadow: inset 3px 0 0 var(--travel); opacity: 1; }
footer { padding: .35rem 1rem; font-size: .78rem; color: var(--muted); border-top: 1px solid var(--line); background: #fff; }
`;

/**
 * The viewer page, live or replaying a trace.
 *
 * @param options - Machine id, diagram, CSP nonce, and for a replay the embedded trace.
 */
export function viewerPage(options: ViewerPageOptions): string {
  const machineId = escapeHtml(options.machineId);
  const nonce = escapeHtml(options.nonce);
  const replay = options.replayJson !== undefined;
  const mode = replay ? 'replay' : 'live inspector';
  const diagram = options.svg ?? '<p class="missing">No diagram available: the current state is shown above.</p>';
  const zoom =
    options.svg === undefined
      ? ''
      : `<div id="zoom" role="toolbar" aria-label="Diagram zoom" aria-controls="diagram-view">
<button type="button" data-zoom="out" aria-label="Zoom out" title="Zoom out">\u2212</button>
<output id="zoom-level" aria-label="Zoom level">100%</output>
<button type="button" data-zoom="in" aria-label="Zoom in" title="Zoom in">+</button>
<button type="button" data-zoom="fit" aria-pressed="false" title="Show the whole diagram">Fit</button>
<button type="button" data-zoom="actual" aria-pressed="false" title="Natural size">100%</button>
</div>
`;
  const policy = options.inlinePolicy
    ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(viewerContentSecurityPolicy(options.nonce, replay ? 'replay' : 'live', true))}">\n`
    : '';
  const data = replay ? `<script type="application/json" id="replay-data">${options.replayJson}</script>\n` : '';
  const footer = replay
    ? 'A recorded trace: no network, no machine running. The client secret, device code and tokens were replaced by [redacted] when it was recorded.'
    : 'Served on this computer only (127.0.0.1). The client secret, device code and tokens are replaced by [redacted] before anything leaves the process.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${policy}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${machineId} · ${mode}</title>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body>
<header>
<h1><span id="machine">${machineId}</span> ${mode}</h1>
<p id="connection" data-status="${replay ? 'replay' : 'connecting'}" role="status">${replay ? 'replay' : 'connecting…'}</p>
<div class="current">State: <output id="state" data-value="" data-status="">waiting for the flow…</output>
<output id="moment" aria-live="polite"></output>
<button type="button" id="live" aria-pressed="true" title="Show the present (Esc)">${replay ? 'end of trace' : 'live'}</button></div>
</header>
<p id="warning" role="alert" hidden></p>
<section id="timeline" aria-label="Timeline: states over time, each poll a tick with the gap since the one before; click to go to that moment"></section>
<main>
<section id="diagram" aria-label="State diagram; the current state is highlighted">
${zoom}<div id="diagram-view" tabindex="0">
${diagram}
</div>
</section>
<aside>
<h2 id="context-title">Context</h2>
<pre id="context" aria-labelledby="context-title">–</pre>
<h2 id="log-title">Events and states <span id="count"></span><span class="hint">click a row to see that moment; ← → step</span></h2>
<div id="log-wrap"><ol id="log" role="listbox" tabindex="0" aria-labelledby="log-title"></ol></div>
</aside>
</main>
<footer>${footer}</footer>
${data}<script nonce="${nonce}">${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}
