/**
 * The demo's stand-in for the person: where a real person would open the verification page on
 * their phone and approve or deny, this panel shows the code the widget shows and decides it on
 * the in-memory server (`mock.approve` / `mock.deny`), as the server's own /activate page would.
 */
import type { SignInViewSnapshot, SignInViewStore } from 'device-auth-machine';
import type { MockFetch } from 'device-auth-machine/mock/fetch';
import { showsCode } from '../shared/phases.js';

const RESULTS = {
  approved: 'Approved. The device finishes signing in at its next check.',
  denied: 'Denied. The device will not get access.',
  unknown: 'The server knows no such code.',
  expired: 'That code has expired.',
  'already-decided': 'That code was already decided; the first decision stands.',
} as const;

/** Fills `panel` (a `<section>`) with the person's controls and keeps them in step with `view`. */
export function mountPersonPanel(panel: HTMLElement, view: SignInViewStore, mock: Pick<MockFetch, 'approve' | 'deny'>): () => void {
  panel.innerHTML = `
    <h2 class="demo-panel__title" id="person-title">The person, on their phone</h2>
    <p class="demo-panel__text" data-part="person-code-line">No code yet: press <strong>Sign in</strong> on the device first.</p>
    <div class="demo-panel__actions">
      <button type="button" data-part="approve" disabled>Approve</button>
      <button type="button" data-part="deny" class="demo-panel__deny" disabled>Deny</button>
    </div>
    <p class="demo-panel__result" data-part="person-result" role="status" aria-live="polite"></p>`;
  panel.setAttribute('aria-labelledby', 'person-title');
  const line = panel.querySelector<HTMLElement>('[data-part="person-code-line"]')!;
  const approve = panel.querySelector<HTMLButtonElement>('[data-part="approve"]')!;
  const deny = panel.querySelector<HTMLButtonElement>('[data-part="deny"]')!;
  const result = panel.querySelector<HTMLElement>('[data-part="person-result"]')!;
  let decidedCode: string | null = null;

  const decide = (decision: 'approve' | 'deny'): void => {
    const userCode = view.getSnapshot().userCode;
    if (userCode === null) return;
    decidedCode = userCode;
    result.textContent = RESULTS[decision === 'approve' ? mock.approve(userCode) : mock.deny(userCode)];
    approve.disabled = true;
    deny.disabled = true;
  };
  approve.addEventListener('click', () => decide('approve'));
  deny.addEventListener('click', () => decide('deny'));

  const render = (snapshot: SignInViewSnapshot): void => {
    const code = showsCode(snapshot.phase) ? snapshot.userCode : null;
    if (code === null) {
      line.textContent = snapshot.phase === 'requesting' ? 'Waiting for the device to get a code…' : 'No code to decide: press Sign in (or Try again) on the device.';
    } else {
      line.innerHTML = '';
      line.append('The device shows ', Object.assign(document.createElement('strong'), { className: 'demo-panel__code', textContent: code }), '. Approve it?');
    }
    const open = code !== null && code !== decidedCode;
    if (code !== null && code !== decidedCode && result.textContent !== '' && decidedCode !== null) result.textContent = '';
    approve.disabled = !open;
    deny.disabled = !open;
  };
  return view.subscribe(render);
}
