/**
 * The offline viewer's browser script, inlined into the page (no CDN, no build step). Live, it
 * reads the server-sent events at `./events`; replaying, it reads the trace embedded in the page
 * (`<script type="application/json" id="replay-data">`) and connects to nothing. Either way it
 * highlights the active states in the inline SVG diagram (Graphviz names each state's `<g>` by its
 * state node id in a `<title>`, clusters prefixed `cluster_`), shows the root actor's context, and
 * lists every event, state change and HTTP exchange in the log.
 *
 * Time travel: every root snapshot is kept, so clicking a row of the log shows the diagram and
 * the context as they were right after that row (an event to the root: the snapshot it led to;
 * anything else: the flow right then; the rule of `momentAfter` in `src/record/trace-moments.ts`); the arrow
 * keys step backward and forward, Home goes to the first row, and Esc, End or the "live" button
 * return to the present. While the page looks at the past a live flow goes on being logged, and
 * the highlight turns purple so the past is never mistaken for the present. The timeline above
 * draws the root's states over time and a tick for each poll (each start of a `pollToken` actor)
 * with the gap since the one before, so pacing (the interval, slow_down, back-off) reads at a
 * glance; a click on it goes to that moment.
 *
 * The diagram is drawn at a size a person can read, in a pane that scrolls: by default as wide as
 * the pane but never below 75 % of its natural size (Graphviz's points as CSS points, so 10 pt
 * labels stay 10 px or more), with a zoom control (fit the whole diagram, 100 %, +/-). When the
 * highlighted state changes, the pane scrolls to show it.
 *
 * Plain ES2020 in a string: no template literals inside, and data only ever reaches the page
 * through `textContent` and attribute values, never as markup.
 */
export const VIEWER_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var replayData = $('replay-data');
  var REPLAY = replayData !== null;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var seen = new Set();
  var actors = new Map();
  var rootSession = null;
  var startTime = null;
  var lastTime = null;
  var ended = false;
  var count = 0;
  // Live pages keep a bounded log; a replay shows all of its (bounded) trace.
  var MAX_LOG = REPLAY ? Infinity : 2000;
  var MAX_MOMENTS = 20000;
  // The log's rows ({ seq, time, li }), the root's snapshots, the timeline's bands and polls.
  var rows = [];
  var moments = [];
  var bands = [];
  var polls = [];
  // Which root snapshot answers which root event: the n-th event of a type, the n-th snapshot made by it.
  var rootEventCounts = new Map();
  var answersByType = new Map();
  var lastRowState = null;
  // null: the present; else the index in rows of the moment shown.
  var travel = null;
  var visitedNow = new Set();
  // Follow the newest entry until the reader scrolls up; scrolling back to the end follows again.
  var follow = true;
  var logWrap = $('log-wrap');
  var log = $('log');
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

  function seconds(ms) {
    return (ms / 1000).toFixed(2) + ' s';
  }

  function elapsed(time) {
    if (startTime === null) startTime = time;
    return '+' + seconds(time - startTime);
  }

  function span(className, text) {
    var el = document.createElement(className === 'type' ? 'b' : 'span');
    el.className = className;
    el.textContent = text;
    return el;
  }

  function clip(text) {
    return text.length > 220 ? text.slice(0, 219) + '\u2026' : text;
  }

  // Finds, in a list ordered by seq, the index of the last item whose seq is below 'limit' (-1: none).
  function lastBelow(list, limit) {
    var low = 0, high = list.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (list[middle].seq < limit) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  }

  function addRow(kind, message, parts, answer) {
    var li = document.createElement('li');
    li.className = kind;
    li.id = 'row-' + message.seq;
    li.setAttribute('role', 'option');
    li.setAttribute('data-seq', String(message.seq));
    li.setAttribute('aria-selected', 'false');
    if (travel !== null) li.classList.add('future');
    parts.forEach(function (part) { if (part) li.appendChild(part); });
    log.appendChild(li);
    rows.push({ seq: message.seq, time: message.time, li: li, answer: answer || null });
    while (rows.length > MAX_LOG) {
      log.removeChild(rows.shift().li);
      if (travel !== null) travel = Math.max(0, travel - 1);
    }
    count += 1;
    $('count').textContent = '(' + count + ')';
    if (follow && travel === null && !replaying) logWrap.scrollTop = logWrap.scrollHeight;
  }

  function payloadOf(value, skipType) {
    var rest = {};
    var any = false;
    Object.keys(value).forEach(function (key) {
      if (!skipType || key !== 'type') { rest[key] = value[key]; any = true; }
    });
    if (!any) return null;
    var el = span('data', clip(JSON.stringify(rest)));
    el.title = JSON.stringify(rest, null, 2);
    return el;
  }

  // --- The moment shown: the present, or the moment right after rows[travel]. ---

  // The same rule as momentAfter() in src/record/trace-moments.ts: an event to the root shows the
  // snapshot it led to; anything else, the root's last snapshot at or before it.
  function momentIndexOf(row) {
    if (row.answer) {
      var answers = answersByType.get(row.answer.type);
      var answer = answers && answers[row.answer.ordinal];
      if (answer && answer.seq > row.seq) return lastBelow(moments, answer.seq + 1);
    }
    return lastBelow(moments, row.seq + 1);
  }

  // 'instant': scroll at once (a moment chosen by the reader), not smoothly (the flow moving on).
  function highlight(ids, visited, instant) {
    nodes.forEach(function (g, id) {
      g.classList.remove('active');
      g.removeAttribute('aria-current');
      g.classList.toggle('visited', visited.has(id));
    });
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
      reveal(active, Boolean(instant));
    }
  }

  function showSnapshot(message, visited, instant) {
    var state = $('state');
    if (!message) {
      state.textContent = 'waiting for the flow\u2026';
      state.setAttribute('data-value', '');
      state.setAttribute('data-status', '');
      $('context').textContent = '\u2013';
      highlight([], visited, instant);
      return;
    }
    var snapshot = message.snapshot;
    var value = formatValue(snapshot.value);
    state.textContent = value + ' \u00b7 ' + snapshot.status;
    state.setAttribute('data-value', value);
    state.setAttribute('data-status', String(snapshot.status));
    state.setAttribute('data-seq', String(message.seq));
    $('context').textContent = JSON.stringify(snapshot.context, null, 2);
    highlight(message.stateIds, visited, instant);
  }

  function showMomentLabel() {
    var moment = $('moment');
    var live = $('live');
    var present = travel === null;
    document.body.classList.toggle('travelling', !present);
    live.setAttribute('aria-pressed', String(present));
    if (present) {
      live.textContent = REPLAY ? 'end of trace' : 'live';
      moment.textContent = lastTime === null ? '' : (REPLAY ? 'end \u00b7 ' : 'now \u00b7 ') + elapsed(lastTime);
    } else {
      live.textContent = REPLAY ? 'back to the end' : 'back to live';
      moment.textContent = 'row ' + (travel + 1) + ' of ' + rows.length + ' \u00b7 ' + elapsed(rows[travel].time);
    }
  }

  // Shows the moment chosen; 'scroll' brings the selected row into view.
  function render(scroll) {
    var index = travel === null ? moments.length - 1 : momentIndexOf(rows[travel]);
    var visited = visitedNow;
    if (travel !== null) {
      visited = new Set();
      for (var i = 0; i <= index; i += 1) (moments[i].stateIds || []).forEach(function (id) { visited.add(id); });
    }
    showSnapshot(index >= 0 ? moments[index] : null, visited, scroll);
    rows.forEach(function (row, position) {
      var selected = travel !== null && position === travel;
      row.li.setAttribute('aria-selected', String(selected));
      row.li.classList.toggle('future', travel !== null && position > travel);
    });
    if (travel !== null) {
      log.setAttribute('aria-activedescendant', rows[travel].li.id);
      if (scroll) rows[travel].li.scrollIntoView({ block: 'nearest' });
    } else log.removeAttribute('aria-activedescendant');
    showMomentLabel();
    scheduleTimeline();
  }

  // Goes to the moment after rows[index]; the last row is the present.
  function go(index) {
    if (rows.length === 0) return;
    var next = index >= rows.length - 1 ? null : Math.max(0, index);
    if (next === travel) return;
    travel = next;
    render(true);
    if (travel === null && follow) logWrap.scrollTop = logWrap.scrollHeight;
  }

  log.addEventListener('click', function (event) {
    var li = event.target.closest('li[data-seq]');
    if (!li) return;
    var index = lastBelow(rows, Number(li.getAttribute('data-seq')) + 1);
    if (index >= 0) go(index);
    log.focus({ preventScroll: true });
  });

  $('live').addEventListener('click', function () { go(rows.length); });

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || rows.length === 0) return;
    var target = event.target;
    if (target && target.closest && target.closest('#diagram-view, #zoom')) return;
    var current = travel === null ? rows.length - 1 : travel;
    var key = event.key;
    if (key === 'ArrowUp' || key === 'ArrowLeft') go(current - 1 < 0 ? 0 : current - 1);
    else if (key === 'ArrowDown' || key === 'ArrowRight') { if (travel === null) return; go(current + 1); }
    else if (key === 'Home') go(0);
    else if (key === 'End' || key === 'Escape') go(rows.length);
    else return;
    event.preventDefault();
  });

  // --- The timeline ---

  var timeline = $('timeline');
  var PALETTE = ['#bee3f8', '#fefcbf', '#c6f6d5', '#e9d8fd', '#fed7d7', '#feebc8', '#b2f5ea', '#e2e8f0'];
  var colours = new Map();
  var timelineQueued = false;

  function colourOf(value, status) {
    if (status === 'done') return '#9ae6b4';
    if (!colours.has(value)) colours.set(value, PALETTE[colours.size % PALETTE.length]);
    return colours.get(value);
  }

  function svgEl(name, attributes, text) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) { el.setAttribute(key, String(attributes[key])); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function titled(el, text) {
    el.appendChild(svgEl('title', {}, text));
    return el;
  }

  function scheduleTimeline() {
    if (timelineQueued) return;
    timelineQueued = true;
    requestAnimationFrame(function () { timelineQueued = false; drawTimeline(); });
  }

  function timeRange() {
    var first = startTime === null ? 0 : startTime;
    var last = lastTime === null ? first : lastTime;
    return { first: first, span: Math.max(1, last - first) };
  }

  function drawTimeline() {
    var width = timeline.clientWidth - 32;
    var height = timeline.clientHeight - 6;
    if (width <= 0 || height <= 0) return;
    var range = timeRange();
    var x = function (time) { return (time - range.first) / range.span * width; };
    var svg = svgEl('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'States over time and the gaps between polls' });
    bands.forEach(function (band, index) {
      var end = index + 1 < bands.length ? bands[index + 1].time : (lastTime === null ? band.time : lastTime);
      var left = x(band.time);
      var bandWidth = Math.max(1, x(end) - left);
      svg.appendChild(titled(svgEl('rect', { class: 'band', x: left, y: 0, width: bandWidth, height: 20, fill: colourOf(band.value, band.status) }), band.value + ' \u00b7 ' + seconds(end - band.time)));
      if (bandWidth > band.value.length * 5.6 + 8) svg.appendChild(svgEl('text', { class: 'band-label', x: left + 4, y: 14 }, band.value));
    });
    var previousGap = null;
    polls.forEach(function (poll, index) {
      var at = x(poll.time);
      svg.appendChild(titled(svgEl('line', { class: 'poll', x1: at, x2: at, y1: 23, y2: 37 }), 'poll ' + (index + 1) + ' at ' + elapsed(poll.time)));
      if (index === 0) return;
      var before = polls[index - 1];
      var gap = poll.time - before.time;
      var left = x(before.time);
      if (at - left >= 30) {
        var label = gap >= 10000 ? (gap / 1000).toFixed(0) + ' s' : (gap / 1000).toFixed(1) + ' s';
        var slow = previousGap !== null && gap > previousGap * 1.2 + 50;
        svg.appendChild(svgEl('text', { class: slow ? 'gap slow' : 'gap', x: (left + at) / 2, y: 47 }, label));
      }
      previousGap = gap;
    });
    svg.appendChild(svgEl('text', { class: 'axis', x: 0, y: height - 1 }, '+0.00 s'));
    if (lastTime !== null && startTime !== null) svg.appendChild(svgEl('text', { class: 'axis', x: width, y: height - 1, 'text-anchor': 'end' }, elapsed(lastTime)));
    if (travel !== null) {
      var cursor = x(rows[travel].time);
      svg.appendChild(svgEl('line', { class: 'cursor', x1: cursor, x2: cursor, y1: 0, y2: 40 }));
    }
    timeline.replaceChildren(svg);
  }

  timeline.addEventListener('click', function (event) {
    if (rows.length === 0) return;
    var box = timeline.getBoundingClientRect();
    var width = timeline.clientWidth - 32;
    var range = timeRange();
    var time = range.first + (event.clientX - box.left - 16) / Math.max(1, width) * range.span;
    var index = 0;
    rows.forEach(function (row, position) { if (row.time <= time) index = position; });
    go(index);
  });
  window.addEventListener('resize', scheduleTimeline);

  // --- Messages ---

  function onActor(message) {
    actors.set(message.sessionId, message);
    if (message.parentId === null) {
      rootSession = message.sessionId;
      $('machine').textContent = message.machineId || message.actorId;
    }
    if (message.actorId === 'pollToken') polls.push({ seq: message.seq, time: message.time });
  }

  function onEvent(message) {
    var answer = null;
    if (message.sessionId === rootSession) {
      var type = String(message.event.type);
      var ordinal = rootEventCounts.get(type) || 0;
      rootEventCounts.set(type, ordinal + 1);
      answer = { type: type, ordinal: ordinal };
    }
    var source = nameOf(message.sourceId);
    var target = nameOf(message.sessionId);
    addRow('event', message, [
      span('t', elapsed(message.time)),
      span('who', (source ? source + ' \u2192 ' : '\u2192 ') + target),
      span('type', String(message.event.type)),
      payloadOf(message.event, true),
    ], answer);
  }

  function onHttp(message) {
    var answer = message.status === null ? 'no answer' : 'HTTP ' + message.status;
    var took = message.durationMs === null ? '' : ' in ' + Math.round(message.durationMs) + ' ms';
    var detail = span('data', clip(answer + took + (message.error ? ' \u00b7 ' + message.error : '') +
      (message.responseBody !== null ? ' \u00b7 ' + JSON.stringify(message.responseBody) : '')));
    detail.title = JSON.stringify({ origin: message.origin, request: message.requestBody, response: message.responseBody, error: message.error }, null, 2);
    addRow('http', message, [span('t', elapsed(message.time)), span('who', 'http'), span('type', message.method + ' ' + message.path), detail]);
  }

  function onSnapshot(message) {
    if (message.sessionId !== rootSession) return;
    moments.push(message);
    if (moments.length > MAX_MOMENTS) moments.shift();
    if (!answersByType.has(message.eventType)) answersByType.set(message.eventType, []);
    answersByType.get(message.eventType).push(message);
    (message.stateIds || []).forEach(function (id) { visitedNow.add(id); });
    var snapshot = message.snapshot;
    var value = formatValue(snapshot.value);
    var last = bands[bands.length - 1];
    if (!last || last.value !== value || last.status !== snapshot.status) bands.push({ time: message.time, value: value, status: snapshot.status });
    if (value !== lastRowState) {
      lastRowState = value;
      addRow('state', message, [span('t', elapsed(message.time)), span('who', 'state'), span('type', value), span('data', String(snapshot.status))]);
    }
  }

  function handle(message) {
    if (seen.has(message.seq)) return;
    seen.add(message.seq);
    if (typeof message.time === 'number') {
      if (startTime === null) startTime = message.time;
      lastTime = message.time;
    }
    if (message.type === '@xstate.actor') onActor(message);
    else if (message.type === '@xstate.event') onEvent(message);
    else if (message.type === '@xstate.snapshot') onSnapshot(message);
    else if (message.type === 'http') onHttp(message);
    else if (message.type === 'end') onEnd();
  }

  // During a replay's first pass nothing is drawn per message.
  var replaying = false;

  function onEnd() {
    ended = true;
    setConnection('ended', 'flow ended');
    if (source) source.close();
  }

  var source = null;
  if (REPLAY) {
    replaying = true;
    try {
      var data = JSON.parse(replayData.textContent);
      var trace = data.trace;
      var when = new Date(trace.startedAt);
      setConnection('replay', 'replay \u00b7 recorded ' + (isNaN(when.getTime()) ? 'at an unknown time' : when.toISOString().slice(0, 19).replace('T', ' ') + ' UTC') + ' by ' + String(trace.packageVersion));
      var notes = [];
      if (data.warning) notes.push(String(data.warning));
      if (trace.droppedSteps > 0) notes.push(trace.droppedSteps + ' earlier steps were left out when it was recorded.');
      if (notes.length > 0) {
        $('warning').textContent = notes.join(' ');
        $('warning').hidden = false;
      }
      trace.steps.forEach(function (step) {
        try { handle(step); } catch (error) { console.error('replay: bad step', error); }
      });
    } catch (error) {
      $('warning').textContent = 'This replay could not be read.';
      $('warning').hidden = false;
    }
    replaying = false;
    ended = true;
    render(true);
    logWrap.scrollTop = logWrap.scrollHeight;
  } else {
    source = new EventSource('events');
    source.onopen = function () { setConnection('live', 'live'); };
    source.onerror = function () { if (!ended) setConnection('reconnecting', 'reconnecting\u2026'); };
    source.onmessage = function (event) {
      try {
        handle(JSON.parse(event.data));
        // The present follows the flow; a moment in the past stays as it is while the log grows.
        if (travel === null) showSnapshot(moments[moments.length - 1] || null, visitedNow);
        showMomentLabel();
        scheduleTimeline();
      } catch (error) { console.error('inspector: bad message', error); }
    };
  }
})();
`;
