/**
 * The QR code of the verification URL as inline SVG markup, drawn from the `qrcode` package's
 * module matrix: one `<path>`, crisp at any size, no canvas, synchronous (a framework can render
 * it in the same pass as the rest of the card).
 */
import { create } from 'qrcode';

/** Blank modules around the symbol, as the QR standard asks for reliable scanning. */
const QUIET_ZONE = 4;

/**
 * Inline `<svg>` markup of a QR code of `text`, with `role="img"`, an `aria-label` and
 * `data-part="qr"`, sized by CSS (it has a viewBox and no width or height).
 *
 * @param text - What the code holds (the complete verification URL).
 * @param label - Its accessible name, e.g. `QR code: open https://… on your phone`.
 */
export function qrCodeSvg(text: string, label: string): string {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (modules.get(row, column)) path += `M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const box = size + QUIET_ZONE * 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" data-part="qr" role="img" aria-label="${escapeAttribute(label)}" ` +
    `viewBox="0 0 ${box} ${box}" shape-rendering="crispEdges">` +
    `<rect width="${box}" height="${box}" fill="#fff"/><path fill="#111" d="${path}"/></svg>`
  );
}

/** The accessible name of the QR code of `url`. */
export function qrCodeLabel(url: string): string {
  return `QR code of ${url}: scan it to open the page on your phone`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
