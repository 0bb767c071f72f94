/**
 * The React sign-in card: the headless view (`createSignInView`) read through React's
 * `useSyncExternalStore`, rendered per the widget contract shared by the four example widgets
 * (`[data-widget="sign-in"]` with its `data-phase`, the `data-part`s, the buttons' names) and
 * dressed in examples/shared/sign-in-card.css.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { createSignInView, type SignInViewActor } from 'device-auth-machine';
import { outcomeOf, verificationHref } from '../shared/phases.js';
import { CodePanel } from './code-panel.js';

/** Props of {@link SignInCard}. */
export interface SignInCardProps {
  /** The device-auth actor to show and command (started); the card's view follows it while mounted. */
  readonly actor: SignInViewActor;
}

/** The sign-in card: status, the code while one is shown, the outcome screens, and the commands allowed now. */
export function SignInCard({ actor }: SignInCardProps) {
  const view = useMemo(() => createSignInView(actor), [actor]); // detaches when unmounted
  const s = useSyncExternalStore(view.subscribe, view.getSnapshot);
  const outcome = outcomeOf(s.phase);
  const tryAgain = useRef<HTMLButtonElement>(null);
  const outcomeTitle = useRef<HTMLHeadingElement>(null);

  // An ending moves focus to "Try again", or to the outcome's heading when there is none.
  useEffect(() => {
    if (outcome !== undefined) (tryAgain.current ?? outcomeTitle.current)?.focus();
  }, [outcome]);

  return (
    <section className="sign-in-card" data-widget="sign-in" data-phase={s.phase} aria-labelledby="sign-in-title">
      <p className="sign-in-card__eyebrow">React example</p>
      <h1 className="sign-in-card__title" id="sign-in-title">
        Sign in with Trakt
      </h1>
      <p className="sign-in-card__status" data-part="status" role="status" aria-live="polite">
        {s.message}
      </p>
      {s.userCode !== null && (
        <CodePanel userCode={s.userCode} href={verificationHref(s) ?? ''} verificationUrl={s.verificationUrl ?? ''} secondsLeft={s.secondsLeft} />
      )}
      {outcome !== undefined && (
        <div className="sign-in-card__outcome" data-part="outcome" data-tone={outcome.tone}>
          <h2 className="sign-in-card__outcome-title" ref={outcomeTitle} tabIndex={-1}>
            {outcome.title}
          </h2>
        </div>
      )}
      <div className="sign-in-card__actions">
        {s.canStart && (
          <button type="button" onClick={view.start}>
            Sign in
          </button>
        )}
        {s.canCancel && (
          <button type="button" className="sign-in-card__secondary" onClick={view.cancel}>
            Cancel
          </button>
        )}
        {s.canRestart && (
          <button type="button" ref={tryAgain} onClick={view.restart}>
            Try again
          </button>
        )}
      </div>
    </section>
  );
}
