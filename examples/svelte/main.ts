/**
 * The Svelte example page: the sign-in card on a device-auth actor configured from the page's URL
 * (`?server=<mock origin>`, see examples/shared/page-config.ts).
 */
import { mount } from 'svelte';
import '../shared/sign-in-card.css';
import { readPageConfig } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import SignInCard from './SignInCard.svelte';

const { actor } = createSignInFlow(readPageConfig(window.location));
mount(SignInCard, { target: document.getElementById('app')!, props: { actor } });
