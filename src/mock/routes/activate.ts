/**
 * The activation page routes: `GET /activate` (also `?code=` for a pre-filled form),
 * `GET /activate/<code>` (pre-filled, the `<verification_url>/<user_code>` form protocol.md
 * mentions for QR codes) and `POST /activate` (form-encoded `user_code`, `decision`).
 */

import { renderActivateForm, renderActivateResult, type ActivateResult } from '../activate-page.js';
import { normalizeUserCode } from '../codes.js';
import type { MockContext, RouteHandler } from '../context.js';
import type { MockDecision } from '../device-store.js';
import { htmlReply, type MockHttpReply } from '../reply.js';
import { readForm } from '../request-body.js';

/** Shows the form, pre-filled from the path (`/activate/<code>`) or `?code=`. */
export const activateFormRoute: RouteHandler = (request) => {
  const prefill = normalizeUserCode(request.params.code ?? request.query.get('code') ?? '');
  const page = renderActivateForm(prefill);
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

/** Records the person's decision and answers with the result page. */
export const activateSubmitRoute: RouteHandler = (request, context): MockHttpReply => {
  const form = readForm(request);
  if (!form.ok) return form.reply;
  const page = renderActivateResult(decide(context, form.value.get('user_code') ?? '', form.value.get('decision')));
  return htmlReply(page.status, page.markup);
};
