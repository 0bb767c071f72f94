/**
 * The Svelte example: the sign-in card on a page of its own, signing in to the server named by the
 * page's `?server=` (see examples/shared/page-config.ts).
 */
import { mount } from 'svelte';
import '../shared/sign-in-card.css';
import { readPageConfig } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import PageProblem from './PageProblem.svelte';
import SignInCard from './SignInCard.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('the page has no #app element');
try {
  const flow = createSignInFlow(readPageConfig(window.location));
  mount(SignInCard, { target, props: { actor: flow.actor } });
  window.addEventListener('pagehide', () => flow.stop());
} catch (error) {
  // A page without a usable ?server= (opened from disk, a typo): say so on the page.
  mount(PageProblem, { target, props: { message: error instanceof Error ? error.message : String(error) } });
  throw error;
}
