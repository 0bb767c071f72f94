/**
 * The offline viewer's browser script, inlined into the page (no CDN, no build step). It reads
 * the server-sent events at `./events`, highlights the active states in the inline SVG diagram
 * (Graphviz names each state's `<g>` by its state node id in a `<title>`, clusters prefixed
 * `cluster_`), shows the root actor's context and appends every event and state change to the log.
 *
 * The diagram is drawn at a size a person can read, in a pane that scrolls: by default as wide as
 * the pane but never below 75 % of its natural size (Graphviz's points as CSS points, so 10 pt
 * labels stay 10 px or more), with a zoom control (fit the whole diagram, 100 %, +/-). When the
 * active state changes, the pane scrolls to show it.
 *
 * Plain ES2020 in a string: no template literals inside, and data only ever reaches the page
 * through `textContent`, never as markup.
 */
export const VIEWER_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var seen = new Set();
  var actors = new Map();
  var rootSession = null;
  var startTime = null;
  var ended = false;
  var lastState = null;
  var count = 0;
  var MAX_LOG = 500;
  // Follow the newest entry until the reader scrolls up; scrolling back to the end follows again.
  var follow = true;
  var logWrap = $('log-wrap');
  logWrap.addEventListener('scroll', function () {
    follow = logWrap.scrollTop + logWrap.clientHeight >= logWrap.scrollHeight - 24;
  });

  // State node id -> <g> elements of the diagram. A compound state is its cluster.
  var nodes = new Map();
  var view = $('diagram-view');
  var diagram = view.querySelector('svg');
  function titleOf(g) {
    var title = g.querySelector(':scope > title');
    return title ? title.textContent : '';
  }
  // Size at 100 %, in CSS pixels: Graphviz sizes are points (1 pt = 4/3 px).
  var natural = null;
  if (diagram) {
    var box = diagram.viewBox && diagram.viewBox.baseVal;
    var width = box && box.width ? box.width : parseFloat(diagram.getAttribute('width') || '');
    var height = box && box.height ? box.height : parseFloat(diagram.getAttribute('height') || '');
    if (width > 0 && height > 0) natural = { width: width * 4 / 3, height: height * 4 / 3 };
    diagram.removeAttribute('width');
    diagram.removeAttribute('height');
    diagram.setAttribute('role', 'img');
    diagram.setAttribute('preserveAspectRatio', 'xMidYMin meet');
    diagram.querySelectorAll('g.cluster').forEach(function (g) {
      var id = titleOf(g).replace(/^cluster_/, '');
      g.setAttribute('data-state-id', id);
      nodes.set(id, g);
    });
    diagram.querySelectorAll('g.node').forEach(function (g) {
      var id = titleOf(g);
      // A compound state's initial dot carries the state's id too: the cluster stands for it.
      if (nodes.has(id)) return;
      g.setAttribute('data-state-id', id);
      nodes.set(id, g);
    });
  }

  // Zoom: 'auto' (pane width, never below MIN_AUTO), 'fit' (the whole diagram), or a number.
  var MIN_AUTO = 0.75, STEP = 1.25, MIN_SCALE = 0.1, MAX_SCALE = 4;
  var zoomMode = 'auto';
  var scale = 1;
  var activeNode = null;
  var activeNodes = [];
  // Before any state is active, show where the flow starts: the root's initial dot, a node named
  // like the graph (the machine's id).
  var graph = diagram && diagram.querySelector('g.graph');
  var startNode = graph ? nodes.get(titleOf(graph)) || null : null;
  var smooth = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);

  function fitScale(whole) {
    var style = getComputedStyle(view);
    var width = view.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var height = view.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    var byWidth = width / natural.width;
    return whole ? Math.min(byWidth, height / natural.height) : byWidth;
  }

  function scaleFor(mode) {
    if (mode === 'auto') return Math.min(1, Math.max(MIN_AUTO, fitScale(false)));
    if (mode === 'fit') return Math.min(2, fitScale(true));
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, mode));
  }

  // Scrolls the pane so the state is in view with a margin, centred, unless it is in view already.
  // Of nested active states, the outermost that fits is shown (the whole awaitingUser box with its
  // name), else the innermost.
  var MARGIN = 24;
  function reveal(states, instant) {
    var list = Array.isArray(states) ? states : states ? [states] : [];
    if (list.length === 0) return;
    var g = list[list.length - 1];
    for (var i = 0; i < list.length; i += 1) {
      var size = list[i].getBoundingClientRect();
      if (size.width <= view.clientWidth - 2 * MARGIN && size.height <= view.clientHeight - 2 * MARGIN) { g = list[i]; break; }
    }
    var node = g.getBoundingClientRect();
    var pane = view.getBoundingClientRect();
    var inView = node.left >= pane.left + MARGIN && node.right <= pane.left + view.clientWidth - MARGIN &&
      node.top >= pane.top + MARGIN && node.bottom <= pane.top + view.clientHeight - MARGIN;
    if (inView) return;
    view.scrollTo({
      left: view.scrollLeft + node.left - pane.left + node.width / 2 - view.clientWidth / 2,
      top: view.scrollTop + node.top - pane.top + node.height / 2 - view.clientHeight / 2,
      behavior: smooth && !instant ? 'smooth' : 'auto',
    });
  }

  // Applies a zoom mode; 'keep' holds the point at the centre of the pane where it was.
  function zoom(mode, keep) {
    if (!natural) return;
    var centreX = (view.scrollLeft + view.clientWidth / 2) / Math.max(1, view.scrollWidth);
    var centreY = (view.scrollTop + view.clientHeight / 2) / Math.max(1, view.scrollHeight);
    zoomMode = mode;
    scale = scaleFor(mode);
    diagram.style.width = Math.round(natural.width * scale) + 'px';
    diagram.style.height = Math.round(natural.height * scale) + 'px';
    $('zoom-level').textContent = Math.round(scale * 100) + '%';
    document.querySelectorAll('#zoom [data-zoom]').forEach(function (button) {
      var kind = button.getAttribute('data-zoom');
      if (kind === 'fit' || kind === 'actual') button.setAttribute('aria-pressed', String(kind === 'fit' ? mode === 'fit' : mode === 1));
    });
    if (keep) {
      view.scrollLeft = centreX * view.scrollWidth - view.clientWidth / 2;
      view.scrollTop = centreY * view.scrollHeight - view.clientHeight / 2;
    } else reveal(activeNode ? activeNodes : startNode, true);
  }

  if (natural) {
    zoom('auto', false);
    $('zoom').addEventListener('click', function (event) {
      var button = event.target.closest('[data-zoom]');
      if (!button) return;
      var kind = button.getAttribute('data-zoom');
      if (kind === 'in') zoom(scale * STEP, true);
      else if (kind === 'out') zoom(scale / STEP, true);
      else if (kind === 'fit') zoom('fit', false);
      else if (kind === 'actual') zoom(1, false);
    });
    window.addEventListener('resize', function () {
      if (typeof zoomMode === 'string') zoom(zoomMode, false);
    });
  }

  function setConnection(status, text) {
    var el = $('connection');
    el.setAttribute('data-status', status);
    el.textContent = text;
  }

  function formatValue(value) {
    if (typeof value === 'string') return value;
    if (value === null || typeof value !== 'object') return String(value);
    return Object.keys(value).map(function (key) {
      var inner = value[key];
      var rest = inner && (typeof inner === 'string' || Object.keys(inner).length > 0) ? '.' + formatValue(inner) : '';
      return key + rest;
    }).join(', ');
  }

  function nameOf(sessionId) {
    if (sessionId === null || sessionId === undefined) return null;
    var actor = actors.get(sessionId);
    if (!actor) return sessionId;
    return actor.parentId === null && actor.machineId ? actor.machineId : actor.actorId;
  }

  function elapsed(time) {
    if (startTime === null) startTime = time;
    return '+' + ((time - startTime) / 1000).toFixed(2) + ' s';
  }

  function span(className, text) {
    var el = document.createElement(className === 'type' ? 'b' : 'span');
    el.className = className;
    el.textContent = text;
    return el;
  }

  function addLog(kind, parts) {
    var log = $('log');
    var li = document.createElement('li');
    li.className = kind;
    parts.forEach(function (part) { if (part) li.appendChild(part); });
    log.appendChild(li);
    while (log.children.length > MAX_LOG) log.removeChild(log.firstChild);
    count += 1;
    $('count').textContent = '(' + count + ')';
    if (follow) logWrap.scrollTop = logWrap.scrollHeight;
  }

  function payloadOf(event) {
    var rest = {};
    var any = false;
    Object.keys(event).forEach(function (key) {
      if (key !== 'type') { rest[key] = event[key]; any = true; }
    });
    if (!any) return null;
    var text = JSON.stringify(rest);
    var el = span('data', text.length > 220 ? text.slice(0, 219) + '\u2026' : text);
    el.title = JSON.stringify(rest, null, 2);
    return el;
  }

  function highlight(ids) {
    nodes.forEach(function (g) { g.classList.remove('active'); g.removeAttribute('aria-current'); });
    var active = [];
    (ids || []).forEach(function (id) {
      var g = nodes.get(id);
      if (!g) return;
      g.classList.add('active', 'visited');
      g.setAttribute('aria-current', 'step');
      active.push(g);
    });
    // Follow the flow through a diagram larger than the pane, only when the state changes.
    var innermost = active.length > 0 ? active[active.length - 1] : null;
    if (innermost !== activeNode) {
      activeNode = innermost;
      activeNodes = active;
      reveal(active, false);
    }
  }

  function onActor(message) {
    actors.set(message.sessionId, message);
    if (message.parentId === null) {
      rootSession = message.sessionId;
      $('machine').textContent = message.machineId || message.actorId;
    }
  }

  function onEvent(message) {
    var source = nameOf(message.sourceId);
    var target = nameOf(message.sessionId);
    addLog('event', [
      span('t', elapsed(message.time)),
      span('who', (source ? source + ' \u2192 ' : '\u2192 ') + target),
      span('type', message.event.type),
      payloadOf(message.event),
    ]);
  }

  function onSnapshot(message) {
    if (message.sessionId !== rootSession) return;
    var snapshot = message.snapshot;
    var value = formatValue(snapshot.value);
    var state = $('state');
    state.textContent = value + ' \u00b7 ' + snapshot.status;
    state.setAttribute('data-value', value);
    state.setAttribute('data-status', String(snapshot.status));
    $('context').textContent = JSON.stringify(snapshot.context, null, 2);
    highlight(message.stateIds);
    if (value !== lastState) {
      lastState = value;
      addLog('state', [span('t', elapsed(message.time)), span('who', 'state'), span('type', value), span('data', String(snapshot.status))]);
    }
  }

  function onEnd() {
    ended = true;
    setConnection('ended', 'flow ended');
    source.close();
  }

  function handle(message) {
    if (seen.has(message.seq)) return;
    seen.add(message.seq);
    if (message.type === '@xstate.actor') onActor(message);
    else if (message.type === '@xstate.event') onEvent(message);
    else if (message.type === '@xstate.snapshot') onSnapshot(message);
    else if (message.type === 'end') onEnd();
  }

  var source = new EventSource('events');
  source.onopen = function () { setConnection('live', 'live'); };
  source.onerror = function () { if (!ended) setConnection('reconnecting', 'reconnecting\u2026'); };
  source.onmessage = function (event) {
    try { handle(JSON.parse(event.data)); } catch (error) { console.error('inspector: bad message', error); }
  };
})();
`;
