/**
 * The viewer page replaying a recorded trace: the same diagram, context, log and time travel as
 * the live viewer, with the trace embedded in the page as data and no connection anywhere. Served
 * by `serveReplay`, or written as one self-contained HTML file by `replayHtml` that opens from
 * disk in any browser (its Content-Security-Policy travels in a `<meta>`).
 *
 * The trace is validated again here (`validateTrace`: a fresh copy of checked fields only) and
 * passed through `redact()` once more, so a hand-edited file cannot put a secret-named value or
 * anything unchecked on the page; the page shows trace text through `textContent` only.
 */
import { createRedactor } from '../redact/redact.js';
import { validateTrace } from '../record/parse-trace.js';
import { traceVersionWarning } from '../record/trace-version.js';
import type { DeviceAuthTrace } from '../record/trace.types.js';
import { diagramSvgFor, type DiagramSource } from './diagram-svg.js';
import { embedJson, viewerContentSecurityPolicy, viewerPage } from './viewer-page.js';

/** Options of {@link replayHtml} and `serveReplay`. */
export interface ReplayOptions {
  /**
   * The machine's diagram as an SVG document. Default: the one this package ships for the trace's
   * machine (`visualizations/<machineId>.svg`); other machines are shown by state name without it.
   */
  readonly diagramSvg?: string | undefined;
  /**
   * The package version replaying the trace, compared with the one that recorded it. Default:
   * this package's `LIBRARY_VERSION`.
   */
  readonly currentVersion?: string | undefined;
}

/** A trace checked, redacted and embedded once, ready to be sent as pages (see {@link replayPage}). */
export interface PreparedReplay {
  readonly machineId: string;
  readonly svg: string | undefined;
  /** The trace and the warning as JSON escaped for the page (`embedJson`). */
  readonly replayJson: string;
  /** The version warning shown on the page, if any (see `traceVersionWarning`). */
  readonly warning: string | undefined;
  /** Where the diagram came from. */
  readonly diagram: DiagramSource | 'none';
}

/** A fresh nonce from the platform's random numbers (Web Crypto, so this file needs no `node:` import). */
function newNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Checks `trace` (a fresh copy of checked fields only), redacts it once more, finds its diagram
 * and embeds it as page data.
 *
 * @param trace - A trace, e.g. from `parseTrace`.
 * @param options - The diagram and the version to compare with.
 * @throws {@link DeviceAuthError} `INVALID_RESPONSE` when `trace` is not a valid trace.
 */
export async function prepareReplay(trace: DeviceAuthTrace, options: ReplayOptions = {}): Promise<PreparedReplay> {
  const checked = validateTrace(createRedactor().redact(validateTrace(trace)));
  const warning = traceVersionWarning(checked, options.currentVersion);
  const diagram = await diagramSvgFor(checked.machineId, options.diagramSvg);
  return {
    machineId: checked.machineId ?? 'trace',
    svg: diagram?.svg,
    replayJson: embedJson({ trace: checked, warning: warning ?? null }),
    warning,
    diagram: diagram?.source ?? 'none',
  };
}

/**
 * One replay page with its own nonce, and the Content-Security-Policy to send with it.
 *
 * @param prepared - From {@link prepareReplay}.
 * @param forFile - Put the policy in the page too (a file opened from disk gets no headers).
 */
export function replayPage(prepared: PreparedReplay, forFile = false): { html: string; policy: string } {
  const nonce = newNonce();
  const html = viewerPage({ machineId: prepared.machineId, svg: prepared.svg, nonce, replayJson: prepared.replayJson, inlinePolicy: forFile });
  return { html, policy: viewerContentSecurityPolicy(nonce, 'replay') };
}

/**
 * One self-contained HTML file replaying `trace`: the diagram, the trace and the viewer script
 * inlined, nothing loaded from anywhere, so it opens from disk (`file://`) in any browser and can
 * be attached to a bug report as it is.
 *
 * @example
 * ```ts
 * const html = await replayHtml(parseTrace(await readFile('trace.json', 'utf8')));
 * await writeFile('trace.html', html);
 * ```
 *
 * @param trace - A trace, e.g. from `parseTrace`.
 * @param options - The diagram and the version to compare with.
 * @throws {@link DeviceAuthError} `INVALID_RESPONSE` when `trace` is not a valid trace.
 */
export async function replayHtml(trace: DeviceAuthTrace, options: ReplayOptions = {}): Promise<string> {
  return replayPage(await prepareReplay(trace, options), true).html;
}
