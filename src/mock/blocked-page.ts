/**
 * The page Trakt's CDN answers when a request has no `User-Agent`: 403 with an HTML body
 * ("you have been blocked"), not JSON (docs/protocol.md, "Every request sends"). Clients must
 * recognise it as "blocked", not parse it.
 */

import { htmlPage } from './html.js';
import { htmlReply, type MockHttpReply } from './reply.js';

/** True when the request carries a non-empty `User-Agent`. */
export function hasUserAgent(headers: { readonly 'user-agent'?: string | undefined }): boolean {
  return (headers['user-agent'] ?? '').trim() !== '';
}

/** The 403 HTML "blocked" answer. */
export function blockedReply(): MockHttpReply {
  const markup = htmlPage(
    'Attention Required! | Access denied',
    `<h1>Sorry, you have been blocked</h1>
<p>You are unable to access this API. This request was blocked by the security service that
protects the site because it carries no <code>User-Agent</code> header.</p>
<p>Send <code>User-Agent: &lt;app&gt;/&lt;version&gt;</code> with every request.</p>`,
  );
  return htmlReply(403, markup);
}
