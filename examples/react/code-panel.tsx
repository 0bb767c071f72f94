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
  const code = useRef<HTMLElement>(null);
  const copy = useCopyButton(userCode);
  const qr = useMemo(() => qrCodeSvg(href, qrCodeLabel(href)), [href]);

  // A new code: focus it, so a screen reader reads it.
  useEffect(() => {
    code.current?.focus();
  }, [userCode]);

  return (
    <div className="sign-in-card__code-block" data-part="code-block">
      <p className="sign-in-card__code-label" id="sign-in-code-label">
        Your code
      </p>
      <code className="sign-in-card__code" data-part="user-code" ref={code} tabIndex={-1} aria-describedby="sign-in-code-label">
        {userCode}
      </code>
      <div className="sign-in-card__row">
        <button type="button" className="sign-in-card__secondary" data-part="copy" onClick={copy.onClick}>
          {copy.label}
        </button>
      </div>
      <p className="sign-in-card__hint">
        Enter it at{' '}
        <a className="sign-in-card__link" data-part="verification-link" href={href} target="_blank" rel="noopener noreferrer">
          {verificationUrl}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
      <figure className="sign-in-card__qr">
        <div className="sign-in-card__qr-box" dangerouslySetInnerHTML={{ __html: qr }} />
        <figcaption className="sign-in-card__hint">or scan to open it on your phone</figcaption>
      </figure>
      <p className="sign-in-card__countdown" data-part="countdown">
        {formatCountdown(secondsLeft)}
      </p>
    </div>
  );
}

/**
 * The "Copy code" button's label and click handler: "Copied" (or "Copy failed: select the code")
 * for {@link COPIED_FOR_MS} after a click, "Copy code" again after that or at once for a new code.
 */
function useCopyButton(userCode: string): { label: string; onClick: () => void } {
  const [result, setResult] = useState<{ code: string; label: string } | null>(null);
  useEffect(() => {
    if (result === null) return;
    const timer = setTimeout(() => setResult(null), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [result]);
  const onClick = () => {
    void copyText(userCode).then((copied) => setResult({ code: userCode, label: copied ? 'Copied' : 'Copy failed: select the code' }));
  };
  return { label: result?.code === userCode ? result.label : 'Copy code', onClick };
}
