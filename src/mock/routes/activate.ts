/**
 * The activation page routes: `GET /activate` (also `?code=` for a pre-filled form),
 * `GET /activate/<code>` (pre-filled, the `<verification_url>/<user_code>` form docs/protocol.md
 * mentions for QR codes) and `POST /activate` (form-encoded `user_code`, `decision` and the
 * mock's form token `csrf_token`; without the right token: 403 and nothing decided).
 */

import { CSRF_FIELD, renderActivateForm, renderActivateResult, renderFormRejected, type ActivateResult } from '../activate-page.js';
import { normalizeUserCode } from '../codes.js';
import type { MockContext, RouteHandler } from '../context.js';
import { csrfTokenMatches } from '../csrf.js';
import type { MockDecision } from '../device-store.js';
import { htmlReply, type MockHttpReply } from '../reply.js';
import { readForm } from '../request-body.js';

/** Shows the form, pre-filled from the path (`/activate/<code>`) or `?code=`. */
export const activateFormRoute: RouteHandler = (request, context) => {
  const prefill = normalizeUserCode(request.params.code ?? request.query.get('code') ?? '');
  const page = renderActivateForm(context.csrfToken, prefill);
  return htmlReply(page.status, page.markup);
};

function decide(context: MockContext, typed: string, decision: string | null): ActivateResult {
  const userCode = normalizeUserCode(typed);
  if (userCode === '') return { kind: 'invalid', userCode, problem: 'Enter the code shown on your device.' };
  if (decision !== 'approve' && decision !== 'deny') {
    return { kind: 'invalid', userCode, problem: 'Choose Approve or Deny.' };
  }
  const record = context.devices.findByUserCode(userCode);
  const result = context.devices.decide(userCode, decision satisfies MockDecision, 'form');
  if (result === 'already-decided') return { kind: result, userCode, state: record?.state ?? 'approved' };
  return { kind: result, userCode };
}

/** Checks the form token, records the person's decision and answers with the result page. */
export const activateSubmitRoute: RouteHandler = (request, context): MockHttpReply => {
  const form = readForm(request);
  if (!form.ok) return form.reply;
  if (!csrfTokenMatches(form.value.get(CSRF_FIELD), context.csrfToken)) {
    const rejected = renderFormRejected();
    return htmlReply(rejected.status, rejected.markup);
  }
  const outcome = decide(context, form.value.get('user_code') ?? '', form.value.get('decision'));
  const page = renderActivateResult(outcome, context.csrfToken);
  return htmlReply(page.status, page.markup);
};
