/**
 * The React example page: the sign-in card on a device-auth actor configured from the page's URL
 * (`?server=<mock origin>`, see examples/shared/page-config.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/sign-in-card.css';
import { readPageConfig } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import { SignInCard } from './sign-in-card.js';

const { actor } = createSignInFlow(readPageConfig(window.location));
createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <SignInCard actor={actor} />
  </StrictMode>,
);
