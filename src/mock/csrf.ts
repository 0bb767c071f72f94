/**
 * The activation form's defence against cross-site posts: each mock has one random form token,
 * written into the form as a hidden field and required on `POST /activate`. A page on another site
 * cannot read the token (the pages carry no CORS headers, and the `Host` check in `host-check.ts`
 * stops DNS rebinding), so it cannot make a visitor's browser approve its own device's code.
 */

import { randomBytes, toHex } from './codes.js';

/** A new form token: 32 random bytes as hex. Secret to other sites, shown in every form of this mock. */
export function createCsrfToken(): string {
  return toHex(randomBytes(32));
}

/** Whether `sent` equals `expected`, comparing every character whatever the first difference (no timing hint). */
export function csrfTokenMatches(sent: string | null, expected: string): boolean {
  if (sent === null || sent.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i += 1) difference |= sent.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}
