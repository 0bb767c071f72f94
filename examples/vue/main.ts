/**
 * The Vue example: the sign-in card on a page of its own, signing in to the server named by the
 * page's `?server=` (see examples/shared/page-config.ts).
 */
import { createApp, h } from 'vue';
import '../shared/sign-in-card.css';
import { readPageConfig } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import SignInCard from './SignInCard.vue';

try {
  const flow = createSignInFlow(readPageConfig(window.location));
  createApp(SignInCard, { actor: flow.actor }).mount('#app');
  window.addEventListener('pagehide', () => flow.stop());
} catch (error) {
  // A page without a usable ?server= (opened from disk, a typo): say so on the page.
  const message = error instanceof Error ? error.message : String(error);
  createApp({ render: () => h('p', { class: 'sign-in-card', role: 'alert' }, message) }).mount('#app');
  throw error;
}
