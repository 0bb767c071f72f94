/**
 * The page a person uses to approve or deny a device (Trakt's `verification_url`): `GET /activate`
 * shows a form, `GET /activate/<code>` the same form with the code filled in, and the form posts
 * `user_code`, `decision=approve|deny` and a hidden `csrf_token` to `POST /activate`, answered
 * by a result page. Plain HTML: no scripts, no external assets; works in any browser and with a
 * screen reader.
 */

import type { DeviceCodeState } from './device-store.js';
import { escapeHtml, htmlPage } from './html.js';
import { USER_CODE_LENGTH } from './codes.js';

/** What happened to a submitted form; decides the result page and its status code. */
export type ActivateResult =
  | { readonly kind: 'approved'; readonly userCode: string }
  | { readonly kind: 'denied'; readonly userCode: string }
  /** No code with this value: the form is shown again with the typed value. */
  | { readonly kind: 'unknown'; readonly userCode: string }
  | { readonly kind: 'expired'; readonly userCode: string }
  | { readonly kind: 'already-decided'; readonly userCode: string; readonly state: DeviceCodeState }
  /** The form was sent without a code or with a decision other than approve/deny. */
  | { readonly kind: 'invalid'; readonly userCode: string; readonly problem: string };

/** A rendered page and the status to send it with. */
export interface RenderedPage {
  readonly status: number;
  readonly markup: string;
}

/** The name of the form's hidden field carrying the server's form token (see `csrf.ts`). */
export const CSRF_FIELD = 'csrf_token';

interface FormOptions {
  readonly prefill: string;
  readonly csrfToken: string;
  readonly error?: string | undefined;
}

function form({ prefill, csrfToken, error }: FormOptions): string {
  const notice = error === undefined ? '' : `<p class="notice error" role="alert">${escapeHtml(error)}</p>`;
  return `<h1>Connect a device</h1>
<p>Enter the ${USER_CODE_LENGTH}-character code shown on your TV, console or app.</p>
${notice}<form method="post" action="/activate">
<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrfToken)}">
<label for="user_code">Code</label>
<input id="user_code" name="user_code" value="${escapeHtml(prefill)}" required autofocus
 autocomplete="off" autocapitalize="characters" autocorrect="off" spellcheck="false" maxlength="32"
 aria-describedby="code-help">
<p id="code-help" class="note" style="margin-top:.35rem">Letters and digits; case, spaces and dashes do not matter.</p>
<div class="actions">
<button type="submit" name="decision" value="approve" class="approve">Approve</button>
<button type="submit" name="decision" value="deny" class="deny">Deny</button>
</div>
</form>`;
}

/** The activation form carrying the server's form token, optionally pre-filled (from `/activate/<code>`). Status 200. */
export function renderActivateForm(csrfToken: string, prefill = ''): RenderedPage {
  return { status: 200, markup: htmlPage('Activate a device', form({ prefill, csrfToken })) };
}

function result(title: string, tone: 'ok' | 'error', message: string): string {
  return htmlPage(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p class="notice ${tone}" role="status">${message}</p>
<p><a href="/activate">Enter another code</a></p>`,
  );
}

/**
 * The page answering a form whose token is missing or wrong (a post from another site, or a form
 * from before the server restarted). Status 403; nothing was decided.
 */
export function renderFormRejected(): RenderedPage {
  return {
    status: 403,
    markup: result(
      'Form not accepted',
      'error',
      'This form did not come from this server&rsquo;s own page, so nothing was approved or denied. If you filled it in yourself, open the page again and enter the code there.',
    ),
  };
}

/**
 * The page answering a submitted form, with its status code (200 done, 400 bad form, 404 unknown,
 * 409 decided, 410 expired). Pages showing the form again carry `csrfToken`.
 */
export function renderActivateResult(outcome: ActivateResult, csrfToken: string): RenderedPage {
  const code = `<strong><code>${escapeHtml(outcome.userCode)}</code></strong>`;
  switch (outcome.kind) {
    case 'approved':
      return { status: 200, markup: result('Device approved', 'ok', `Code ${code} is approved. Your device will finish signing in within a few seconds; you can close this page.`) };
    case 'denied':
      return { status: 200, markup: result('Access denied', 'ok', `Code ${code} is denied. The device will not get access.`) };
    case 'unknown':
      return {
        status: 404,
        markup: htmlPage(
          'Unknown code',
          form({ prefill: outcome.userCode, csrfToken, error: `No device is waiting for the code "${outcome.userCode}". Check it and try again.` }),
        ),
      };
    case 'expired':
      return { status: 410, markup: result('Code expired', 'error', `Code ${code} has expired. Start signing in again on your device to get a new code.`) };
    case 'already-decided': {
      const what = outcome.state === 'denied' ? 'denied' : 'approved';
      return { status: 409, markup: result('Already decided', 'error', `Code ${code} was already ${what}. Nothing changed.`) };
    }
    case 'invalid':
      return { status: 400, markup: htmlPage('Activate a device', form({ prefill: outcome.userCode, csrfToken, error: outcome.problem })) };
  }
}
