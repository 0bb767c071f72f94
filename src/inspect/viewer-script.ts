/**
 * The offline viewer's browser script, inlined into the page (no CDN, no build step). It reads
 * the server-sent events at `./events`, highlights the active states in the inline SVG diagram
 * (Graphviz names each state's `<g>` by its state node id in a `<title>`, clusters prefixed
 * `cluster_`), shows the root actor's context and appends every event and state change to the log.
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
  var diagram = $('diagram').querySelector('svg');
  function titleOf(g) {
    var title = g.querySelector(':scope > title');
    return title ? title.textContent : '';
  }
  if (diagram) {
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
    (ids || []).forEach(function (id) {
      var g = nodes.get(id);
      if (!g) return;
      g.classList.add('active', 'visited');
      g.setAttribute('aria-current', 'step');
    });
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
    setConnection('ended', 'flow ended \u00b7 viewer stopped');
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
