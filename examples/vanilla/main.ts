/**
 * The vanilla example: the sign-in card on a page of its own, signing in to the server named by
 * the page's `?server=` (see examples/shared/page-config.ts).
 */
import '../shared/sign-in-card.css';
import { readPageConfig } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import { mountSignInCard } from './sign-in-card.js';

const mount = document.getElementById('app');
if (mount === null) throw new Error('the page has no #app element');
try {
  const flow = createSignInFlow(readPageConfig(window.location));
  mountSignInCard(mount, flow.view, { headingLevel: 1 });
  window.addEventListener('pagehide', () => flow.stop());
} catch (error) {
  // A page without a usable ?server= (opened from disk, a typo): say so on the page.
  const notice = document.createElement('p');
  notice.className = 'sign-in-card';
  notice.setAttribute('role', 'alert');
  notice.textContent = error instanceof Error ? error.message : String(error);
  mount.append(notice);
  throw error;
}
