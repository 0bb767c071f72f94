/**
 * The Vue example: the sign-in card on a page of its own, signing in to the server named by the
 * page's `?server=` (see examples/shared/page-config.ts).
 */
import { createApp } from 'vue';
import '../shared/sign-in-card.css';
import { readPageConfig } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import SignInCard from './SignInCard.vue';

const flow = createSignInFlow(readPageConfig(window.location));
createApp(SignInCard, { actor: flow.actor }).mount('#app');
window.addEventListener('pagehide', () => flow.stop());
