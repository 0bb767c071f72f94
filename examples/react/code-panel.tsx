/**
 * The code block of the React card: the user code (large, monospace, focused when it appears),
 * "Copy code", the verification link, the QR code of the complete URL and the countdown.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { COPIED_FOR_MS, copyText } from '../shared/clipboard.js';
import { formatCountdown } from '../shared/countdown.js';
import { qrCodeLabel, qrCodeSvg } from '../shared/qr-code.js';

/** Props of {@link CodePanel}: what a view snapshot says about the code shown. */
export interface CodePanelProps {
  readonly userCode: string;
  /** The page to open: the complete URL when the server gave one (`verificationHref`). */
  readonly href: string;
  /** The page to type the code into, as shown. */
  readonly verificationUrl: string;
  readonly secondsLeft: number | null;
}

/** Shows a code and what a person needs to enter it. */
export function CodePanel({ userCode, href, verificationUrl, secondsLeft }: CodePanelProps) {
  const code = useRef<HTMLParagraphElement>(null);
  const copied = useCopied(userCode);
  const qr = useMemo(() => qrCodeSvg(href, qrCodeLabel(href)), [href]);

  // A new code: focus it, so a screen reader reads it.
  useEffect(() => {
    code.current?.focus();
  }, [userCode]);

  return (
    <div className="sign-in-card__code-block">
      <p className="sign-in-card__code-label">Your code</p>
      <p className="sign-in-card__code" data-part="user-code" ref={code} tabIndex={-1}>
        {userCode}
      </p>
      <div className="sign-in-card__row">
        <button type="button" className="sign-in-card__secondary" onClick={copied.copy}>
          {copied.done ? 'Copied' : 'Copy code'}
        </button>
      </div>
      <a className="sign-in-card__link" data-part="verification-link" href={href} target="_blank" rel="noopener noreferrer">
        {verificationUrl}
      </a>
      <div className="sign-in-card__qr" dangerouslySetInnerHTML={{ __html: qr }} />
      {secondsLeft !== null && (
        <p className="sign-in-card__countdown" data-part="countdown">
          {formatCountdown(secondsLeft)}
        </p>
      )}
    </div>
  );
}

/** "Copied" for {@link COPIED_FOR_MS} after `copy()` copied `text`, then "Copy code" again (at once for a new text). */
function useCopied(text: string): { done: boolean; copy: () => void } {
  const [copiedText, setCopiedText] = useState<string | null>(null);
  useEffect(() => {
    if (copiedText === null) return;
    const timer = setTimeout(() => setCopiedText(null), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copiedText]);
  const copy = () => {
    void copyText(text).then((ok) => ok && setCopiedText(text));
  };
  return { done: copiedText === text, copy };
}
