/**
 * The React sign-in card: the headless view (`createSignInView`) read through React's
 * `useSyncExternalStore`, rendered per the widget contract shared by the four example widgets
 * (`[data-widget="sign-in"]` with its `data-phase`, the `data-part`s, the buttons' names), with
 * the vanilla card's markup and examples/shared/sign-in-card.css.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { createSignInView, type SignInViewActor } from 'device-auth-machine';
import { outcomeOf, showsCode, verificationHref } from '../shared/phases.js';
import { CodePanel } from './code-panel.js';

/** Props of {@link SignInCard}. */
export interface SignInCardProps {
  /** The device-auth actor to show and command (started); the card's view follows it while mounted. */
  readonly actor: SignInViewActor;
}

/** True when the focus is in `root` or nowhere (on the body, as when the focused button went away). */
function focusIsInOrLost(root: HTMLElement | null): boolean {
  const focused = document.activeElement;
  return focused === null || focused === document.body || root?.contains(focused) === true;
}

/** The sign-in card: status, the code while one is shown, the outcome screens, and the commands allowed now. */
export function SignInCard({ actor }: SignInCardProps) {
  const view = useMemo(() => createSignInView(actor), [actor]); // detaches when unmounted
  const s = useSyncExternalStore(view.subscribe, view.getSnapshot);
  const outcome = outcomeOf(s.phase);
  const root = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const tryAgain = useRef<HTMLButtonElement>(null);
  const outcomeTitle = useRef<HTMLHeadingElement>(null);

  // Focus follows the person's next step: "Try again" (or the outcome's heading) on an ending, the
  // title while a code is requested if "Sign in" / "Try again" went away under the focus. The code
  // panel focuses a new code itself.
  useEffect(() => {
    if (outcome !== undefined) (tryAgain.current ?? outcomeTitle.current)?.focus();
    else if (s.phase === 'requesting' && focusIsInOrLost(root.current)) title.current?.focus();
  }, [s.phase, outcome]);

  return (
    <section className="sign-in-card" data-widget="sign-in" data-phase={s.phase} aria-labelledby="sign-in-title" ref={root}>
      <p className="sign-in-card__eyebrow">Device sign-in · React</p>
      <h1 className="sign-in-card__title" id="sign-in-title" ref={title} tabIndex={-1}>
        Sign in with Trakt
      </h1>
      {outcome !== undefined && (
        <div className="sign-in-card__outcome" data-part="outcome" data-tone={outcome.tone}>
          <h2 className="sign-in-card__outcome-title" ref={outcomeTitle} tabIndex={-1}>
            {outcome.title}
          </h2>
        </div>
      )}
      <div className="sign-in-card__status-row">
        <span className="sign-in-card__busy" aria-hidden="true" hidden={s.phase !== 'requesting'} />
        <p className="sign-in-card__status" data-part="status" role="status" aria-live="polite">
          {s.message}
        </p>
      </div>
      {showsCode(s.phase) && s.userCode !== null && (
        <CodePanel userCode={s.userCode} href={verificationHref(s) ?? ''} verificationUrl={s.verificationUrl ?? ''} secondsLeft={s.secondsLeft} />
      )}
      <div className="sign-in-card__actions">
        {s.canCancel && (
          <button type="button" className="sign-in-card__secondary" data-part="cancel" onClick={view.cancel}>
            Cancel
          </button>
        )}
        {s.canStart && (
          <button type="button" data-part="start" onClick={view.start}>
            Sign in
          </button>
        )}
        {s.canRestart && (
          <button type="button" data-part="restart" ref={tryAgain} onClick={view.restart}>
            Try again
          </button>
        )}
      </div>
    </section>
  );
}
