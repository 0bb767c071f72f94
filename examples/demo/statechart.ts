/**
 * The live statechart of the demo: the committed Graphviz diagram (visualizations/deviceAuth.svg,
 * inlined by the build) in a scrolling pane, its nodes named by the state ids their `<title>`
 * holds, the active states highlighted (class `active`, `aria-current="step"`) and states the
 * flow passed through marked `visited`. The pane follows the innermost active state.
 */
import { activeStateIds, type StateValue } from './state-ids.js';

/** How much of its natural size the diagram is drawn at (Graphviz points are 4/3 px). */
const DRAWN_SCALE = 0.7;

/** A mounted statechart. */
export interface Statechart {
  /** Highlights the states of `value` (e.g. `{ awaitingUser: 'polling' }`); returns their ids. */
  show(value: StateValue): string[];
  /** Forgets the states visited so far (a new flow). */
  clearVisited(): void;
}

function titleOf(group: Element): string {
  return group.querySelector(':scope > title')?.textContent ?? '';
}

/**
 * Parses the SVG document `markup` and puts its diagram into `pane` (a scrolling element).
 *
 * @param machineId - The id the diagram's node titles start with (`deviceAuth`).
 */
export function mountStatechart(pane: HTMLElement, markup: string, machineId: string): Statechart {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  if (parsed.nodeName !== 'svg') throw new Error('the statechart is not an SVG document');
  const svg = document.importNode(parsed, true) as unknown as SVGSVGElement;
  const box = svg.viewBox.baseVal;
  const width = box.width > 0 ? box.width : Number.parseFloat(svg.getAttribute('width') ?? '0');
  const height = box.height > 0 ? box.height : Number.parseFloat(svg.getAttribute('height') ?? '0');
  svg.setAttribute('width', String(Math.round(((width * 4) / 3) * DRAWN_SCALE)));
  svg.setAttribute('height', String(Math.round(((height * 4) / 3) * DRAWN_SCALE)));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Statechart of ${machineId}`);
  pane.replaceChildren(svg);

  const nodes = new Map<string, SVGGElement>();
  // A compound state is its cluster; its initial dot repeats the state's name and is left alone.
  for (const group of svg.querySelectorAll<SVGGElement>('g.cluster')) nodes.set(titleOf(group).replace(/^cluster_/, ''), group);
  for (const group of svg.querySelectorAll<SVGGElement>('g.node')) {
    const id = titleOf(group);
    if (!nodes.has(id)) nodes.set(id, group);
  }
  for (const [id, group] of nodes) group.setAttribute('data-state-id', id);

  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  let followed: SVGGElement | undefined;

  /** Scrolls the pane (not the page) so `group` is centred, unless it is wholly in view already. */
  const follow = (group: SVGGElement): void => {
    const node = group.getBoundingClientRect();
    const view = pane.getBoundingClientRect();
    const inView = node.left >= view.left && node.right <= view.left + pane.clientWidth && node.top >= view.top && node.bottom <= view.top + pane.clientHeight;
    if (inView) return;
    pane.scrollTo({
      left: pane.scrollLeft + node.left - view.left - (pane.clientWidth - node.width) / 2,
      top: pane.scrollTop + node.top - view.top - (pane.clientHeight - node.height) / 2,
      behavior: smooth ? 'smooth' : 'auto',
    });
  };

  return {
    show(value) {
      const ids = activeStateIds(machineId, value);
      const active = new Set(ids);
      for (const [id, group] of nodes) {
        const on = active.has(id);
        group.classList.toggle('active', on);
        if (on) {
          group.classList.add('visited');
          group.setAttribute('aria-current', 'step');
        } else group.removeAttribute('aria-current');
      }
      const innermost = [...ids].reverse().map((id) => nodes.get(id)).find((group) => group !== undefined);
      if (innermost !== undefined && innermost !== followed) {
        followed = innermost;
        follow(innermost);
      }
      svg.setAttribute('aria-label', `Statechart of ${machineId}; now in ${ids.at(-1) ?? machineId}`);
      return ids;
    },
    clearVisited() {
      for (const group of nodes.values()) if (!group.classList.contains('active')) group.classList.remove('visited');
    },
  };
}
