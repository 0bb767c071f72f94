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
const flow = createSignInFlow(readPageConfig(window.location));
mountSignInCard(mount, flow.view, { headingLevel: 1 });
window.addEventListener('pagehide', () => flow.stop());
