/**
 * Copy to the clipboard from a click, in every context the examples run in: the async Clipboard
 * API where the page may use it (https, 127.0.0.1, most `file://` pages), else the older
 * `execCommand('copy')` on a hidden text field.
 */

/** How long a "Copied" confirmation stays before the button says "Copy code" again, in ms. */
export const COPIED_FOR_MS = 2000;

/**
 * Copies `text`; resolves `true` when it was copied, `false` when the browser refused both ways.
 * Call it from a user gesture (a click), which browsers require.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard !== undefined && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or no focus: fall through to the old way.
  }
  return copyWithTextArea(text);
}

function copyWithTextArea(text: string): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.setAttribute('aria-hidden', 'true');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  const focused = document.activeElement;
  document.body.append(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  field.remove();
  if (focused instanceof HTMLElement) focused.focus();
  return copied;
}
