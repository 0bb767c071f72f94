/**
 * The no-server demo: one static page, openable from disk, that runs the whole device flow in the
 * browser. The Trakt-like server is the embedded mock as an in-memory `fetch`; the device is the
 * vanilla widget; a panel plays the person; the statechart beside them shows where the flow is.
 *
 * The page's query may set the server's pace: `?interval=1&expiresIn=90` (seconds; defaults below).
 */
import '../shared/sign-in-card.css';
import './demo.css';
import { deviceAuthMachine } from 'device-auth-machine';
import { createMockFetch } from 'device-auth-machine/mock/fetch';
import deviceAuthDiagram from '../../visualizations/deviceAuth.svg';
import { numberParam } from '../shared/page-config.js';
import { createSignInFlow } from '../shared/sign-in-flow.js';
import { mountSignInCard } from '../vanilla/sign-in-card.js';
import { mountPersonPanel } from './person-panel.js';
import { mountRequestLog } from './request-log.js';
import { mountStatechart } from './statechart.js';

/**
 * The origin the in-memory server answers. Nothing listens there: requests never leave the page.
 * A loopback name, so the library allows the demo's sub-second intervals.
 */
const DEMO_ORIGIN = 'http://localhost:8080';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

const interval = numberParam(window.location, 'interval', 1);
const expiresIn = numberParam(window.location, 'expiresIn', 90);
const mock = createMockFetch({ url: DEMO_ORIGIN, interval, expiresIn });
const flow = createSignInFlow({ server: mock.url, clientId: mock.clientId, clientSecret: mock.clientSecret }, mock.fetch);

element('pace').textContent = `The server asks for a check every ${interval} s; codes last ${expiresIn} s.`;

const statechart = mountStatechart(element('diagram'), deviceAuthDiagram, deviceAuthMachine.id);
const currentState = element('current-state');
let lastValue: unknown;
/** Highlights the actor's state (a subscription hears changes only, so it is also called once now). */
const showState = (snapshot: ReturnType<typeof flow.actor.getSnapshot>): void => {
  if (snapshot.value === lastValue) return;
  lastValue = snapshot.value;
  if (snapshot.matches('requesting')) statechart.clearVisited();
  const ids = statechart.show(snapshot.value);
  currentState.textContent = ids.at(-1) ?? '';
};
flow.actor.subscribe(showState);
showState(flow.actor.getSnapshot());

mountSignInCard(element('widget'), flow.view, {
  title: 'Sign in with Trakt',
  // The verification page is the panel beside the card: nothing listens at the demo's origin.
  onVerificationLink(event) {
    event.preventDefault();
    element('person').querySelector<HTMLButtonElement>('[data-part="approve"]')?.focus();
  },
});
mountPersonPanel(element('person'), flow.view, mock);
mountRequestLog(element<HTMLOListElement>('requests'), mock, Date.now());
window.addEventListener('pagehide', () => {
  flow.stop();
  void mock.close();
});
