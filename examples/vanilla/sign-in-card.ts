/**
 * The vanilla sign-in card: TypeScript and the DOM only, rendering a headless sign-in view
 * (`createSignInView`). The markup is built once; each view snapshot updates texts, attributes
 * and what is hidden, so focus and the live region stay put between updates.
 *
 * DOM contract (shared by every example widget): root `[data-widget="sign-in"][data-phase]`, the
 * live region `[data-part="status"]`, the code `[data-part="user-code"]`, "Copy code", the link
 * `[data-part="verification-link"]`, the QR code `[data-part="qr"]`, the countdown
 * `[data-part="countdown"]`, and the buttons "Sign in", "Cancel" and "Try again".
 */
import type { SignInPhase, SignInViewSnapshot, SignInViewStore } from 'device-auth-machine';
import { copyText, COPIED_FOR_MS } from '../shared/clipboard.js';
import { formatCountdown } from '../shared/countdown.js';
import { outcomeOf, showsCode, verificationHref } from '../shared/phases.js';
import { qrCodeLabel, qrCodeSvg } from '../shared/qr-code.js';

/** Options of {@link mountSignInCard}. */
export interface SignInCardOptions {
  /** The card's title. Default `Sign in with Trakt`. */
  title?: string | undefined;
  /** Level of the card's title (the outcome heading is one below). Default 2; 1 when the card is the page. */
  headingLevel?: 1 | 2 | 3 | undefined;
  /**
   * Called when the person follows the verification link, before the browser opens it; call
   * `event.preventDefault()` to keep the tab (the no-server demo, whose server lives in the page).
   */
  onVerificationLink?: ((event: MouseEvent) => void) | undefined;
}

/** A mounted card. */
export interface SignInCard {
  /** The card's root, `[data-widget="sign-in"]`. */
  readonly element: HTMLElement;
  /** Stops following the view and removes the card (the view and its actor stay the caller's). */
  destroy(): void;
}

let cards = 0;

/** `document.createElement` with attributes and children. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** Sets `text` unless it is there already (so a live region is not told the same thing twice). */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * Renders `view` into `container` as a sign-in card and keeps it current until `destroy()`.
 *
 * @param container - Where the card goes (appended).
 * @param view - The headless view of a device-auth (or session) actor.
 */
export function mountSignInCard(container: HTMLElement, view: SignInViewStore, options: SignInCardOptions = {}): SignInCard {
  cards += 1;
  const id = (part: string): string => `sign-in-${cards}-${part}`;
  const level = options.headingLevel ?? 2;

  const title = h(`h${level}` as 'h2', { id: id('title'), class: 'sign-in-card__title' }, options.title ?? 'Sign in with Trakt');
  const status = h('p', { class: 'sign-in-card__status', 'data-part': 'status', role: 'status', 'aria-live': 'polite' });
  const busy = h('span', { class: 'sign-in-card__busy', 'aria-hidden': 'true', hidden: '' });
  const statusRow = h('div', { class: 'sign-in-card__status-row' }, busy, status);

  const code = h('code', { id: id('code'), class: 'sign-in-card__code', 'data-part': 'user-code', tabindex: '-1', 'aria-describedby': id('code-label') });
  const copy = h('button', { type: 'button', class: 'sign-in-card__secondary', 'data-part': 'copy' }, 'Copy code');
  const link = h('a', { class: 'sign-in-card__link', 'data-part': 'verification-link', target: '_blank', rel: 'noopener noreferrer' });
  const linkText = document.createTextNode('');
  link.append(linkText, h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
  const qrBox = h('div', { class: 'sign-in-card__qr-box' });
  const countdown = h('p', { class: 'sign-in-card__countdown', 'data-part': 'countdown' });
  const codeBlock = h(
    'div',
    { class: 'sign-in-card__code-block', 'data-part': 'code-block', hidden: '' },
    h('p', { id: id('code-label'), class: 'sign-in-card__code-label' }, 'Your code'),
    code,
    h('div', { class: 'sign-in-card__row' }, copy),
    h('p', { class: 'sign-in-card__hint' }, 'Enter it at ', link),
    h('figure', { class: 'sign-in-card__qr' }, qrBox, h('figcaption', { class: 'sign-in-card__hint' }, 'or scan to open it on your phone')),
    countdown,
  );

  const outcomeTitle = h(`h${level + 1}` as 'h3', { class: 'sign-in-card__outcome-title', tabindex: '-1' });
  const outcome = h('div', { class: 'sign-in-card__outcome', 'data-part': 'outcome', hidden: '' }, outcomeTitle);

  const start = h('button', { type: 'button', 'data-part': 'start' }, 'Sign in');
  const cancel = h('button', { type: 'button', class: 'sign-in-card__secondary', 'data-part': 'cancel' }, 'Cancel');
  const restart = h('button', { type: 'button', 'data-part': 'restart' }, 'Try again');
  const actions = h('div', { class: 'sign-in-card__actions' }, cancel, start, restart);

  const root = h(
    'section',
    { class: 'sign-in-card', 'data-widget': 'sign-in', 'data-phase': 'idle', 'aria-labelledby': id('title') },
    h('p', { class: 'sign-in-card__eyebrow' }, 'Device sign-in'),
    title,
    outcome,
    statusRow,
    codeBlock,
    actions,
  );

  let shown: SignInViewSnapshot | undefined;
  let copiedTimer: ReturnType<typeof setTimeout> | undefined;
  let qrFor: string | null = null;

  const resetCopy = (): void => {
    if (copiedTimer !== undefined) clearTimeout(copiedTimer);
    copiedTimer = undefined;
    setText(copy, 'Copy code');
  };

  copy.addEventListener('click', () => {
    const userCode = view.getSnapshot().userCode;
    if (userCode === null) return;
    void copyText(userCode).then((copied) => {
      resetCopy();
      setText(copy, copied ? 'Copied' : 'Copy failed: select the code');
      copiedTimer = setTimeout(resetCopy, COPIED_FOR_MS);
    });
  });
  link.addEventListener('click', (event) => options.onVerificationLink?.(event));
  start.addEventListener('click', () => view.start());
  cancel.addEventListener('click', () => view.cancel());
  restart.addEventListener('click', () => view.restart());

  /** Moves focus where the person's next step is, when the screen changes under them. */
  const moveFocus = (before: SignInPhase | undefined, now: SignInViewSnapshot): void => {
    if (before === now.phase) return;
    if (showsCode(now.phase) && (before === undefined || !showsCode(before))) {
      code.focus();
    } else if (outcomeOf(now.phase) !== undefined) {
      if (now.canRestart) restart.focus();
      else outcomeTitle.focus();
    } else if (now.phase === 'requesting' && root.contains(document.activeElement) && document.activeElement !== cancel) {
      // "Sign in" or "Try again" just hid under the focus: keep it in the card, on the news.
      title.setAttribute('tabindex', '-1');
      title.focus();
    }
  };

  const render = (snapshot: SignInViewSnapshot): void => {
    const before = shown?.phase;
    shown = snapshot;
    root.setAttribute('data-phase', snapshot.phase);
    setText(status, snapshot.message);
    busy.hidden = snapshot.phase !== 'requesting';

    const withCode = showsCode(snapshot.phase) && snapshot.userCode !== null;
    codeBlock.hidden = !withCode;
    if (withCode) {
      setText(code, snapshot.userCode ?? '');
      const href = verificationHref(snapshot) ?? '';
      if (link.getAttribute('href') !== href) link.setAttribute('href', href);
      linkText.data = snapshot.verificationUrl ?? href;
      if (qrFor !== href) {
        qrFor = href;
        qrBox.innerHTML = qrCodeSvg(href, qrCodeLabel(href));
      }
      setText(countdown, formatCountdown(snapshot.secondsLeft));
    } else {
      resetCopy();
    }

    const ending = outcomeOf(snapshot.phase);
    outcome.hidden = ending === undefined;
    if (ending !== undefined) {
      setText(outcomeTitle, ending.title);
      outcome.setAttribute('data-tone', ending.tone);
    }

    start.hidden = !snapshot.canStart;
    cancel.hidden = !snapshot.canCancel;
    restart.hidden = !snapshot.canRestart;
    moveFocus(before, snapshot);
  };

  container.append(root);
  const unsubscribe = view.subscribe(render);
  return {
    element: root,
    destroy() {
      unsubscribe();
      resetCopy();
      root.remove();
    },
  };
}
