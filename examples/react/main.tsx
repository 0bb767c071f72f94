/**
 * The React example: the sign-in card on a page of its own, signing in to the server named by the
 * page's `?server=` (see examples/shared/page-config.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/sign-in-card.css';
import { readPageConfig } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import { SignInCard } from './sign-in-card.js';

const mount = document.getElementById('app');
if (mount === null) throw new Error('the page has no #app element');
const root = createRoot(mount);
try {
  const flow = createSignInFlow(readPageConfig(window.location));
  root.render(
    <StrictMode>
      <SignInCard actor={flow.actor} />
    </StrictMode>,
  );
  window.addEventListener('pagehide', () => flow.stop());
} catch (error) {
  // A page without a usable ?server= (opened from disk, a typo): say so on the page.
  root.render(
    <p className="sign-in-card" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>,
  );
  throw error;
}
