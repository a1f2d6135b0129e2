// <customer-timeline>: one customer's journey lanes, experience score, signals and live timeline, read from
// the CustomerTimeline GraphQL API. Dependency-free on purpose: CRM hosts embed it without a bundler, and
// nothing from a CDN runs in their page. Every text from the API goes through textContent, so masked PII
// ("a***@e***.com", "[redacted: …]") shows exactly as the API sent it and nothing can inject markup.
//
//   <script type="module" src="https://api.example.com/widget/customer-timeline.js"></script>
//   <customer-timeline customer-id="Q3VzdG9tZXI6MQ"></customer-timeline>
//   <customer-timeline source="DATAVERSE" external-id="{the CRM record's contact id}"></customer-timeline>
//   document.querySelector('customer-timeline').setToken(accessToken);
//
// Attributes: customer-id (global id), or source + external-id (the host's own record id: what a CRM sidebar
// knows), endpoint (default: /graphql on the origin that served this script),
// page-size (1-100, default 20), wait-for-token (load nothing until setToken() is called; null means "none").
// The token is never read from an attribute or a URL: attributes end up in DOM dumps and URLs in logs.

const SCRIPT_URL = import.meta.url;
const SUBPROTOCOL = 'graphql-transport-ws';
const LANE_EVENT_LIMIT = 100;
const LANE_PREVIEW = 4;
const UNCLASSIFIED = '';

const SOURCE_LABELS = {
  DATAVERSE: 'CRM',
  ZENDESK: 'Helpdesk',
  MATOMO: 'Web analytics',
  TYPEFORM: 'Surveys',
};
const KIND_LABELS = {
  CONTACT_CHANGE: 'Contact changes',
  CRM_ACTIVITY: 'CRM activities',
  TICKET: 'Tickets',
  TICKET_MESSAGE: 'Ticket messages',
  WEB_VISIT: 'Web visits',
  SURVEY_ANSWER: 'Survey answers',
};

const EVENT_FRAGMENT = `fragment CtEvent on TimelineEvent {
  __typename id kind source channel title summary occurredAt stageKey sentiment
  ... on TicketEvent { status priority }
  ... on SurveyAnswerEvent { surveyType score scaleMax }
  ... on WebVisitEvent { durationSeconds }
  ... on CrmActivityEvent { direction owner }
}`;

const SCHEMA_QUERY = `query CustomerTimelineSchema {
  __schema {
    types {
      kind name
      enumValues { name }
      fields { name args { name defaultValue type { kind } } type { ...CtTypeRef } }
    }
  }
}
fragment CtTypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

const STYLES = `
:host {
  --_accent: var(--ct-accent, #2563eb);
  --_bg: var(--ct-bg, #ffffff);
  --_fg: var(--ct-fg, #111827);
  --_muted: var(--ct-muted, #4b5563);
  --_border: var(--ct-border, #d1d5db);
  --_surface: var(--ct-surface, #f3f4f6);
  --_danger: var(--ct-danger, #b91c1c);
  --_success: var(--ct-success, #047857);
  --_radius: var(--ct-radius, 8px);
  display: flex;
  flex-direction: column;
  box-sizing: border-box;
  min-width: 0;
  min-height: 0;
  container-type: inline-size;
  background: var(--_bg);
  color: var(--_fg);
  font-family: var(--ct-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--ct-font-size, 14px);
  line-height: 1.4;
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  overflow: hidden;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
h2, h3, h4, p, ol, ul, fieldset { margin: 0; padding: 0; }
ol, ul { list-style: none; }
:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .75rem; border-bottom: 1px solid var(--_border); }
.who { flex: 1 1 12rem; min-width: 0; }
.who h2 { font-size: 1.15em; overflow-wrap: anywhere; }
.who p { color: var(--_muted); font-size: .9em; overflow-wrap: anywhere; }
.badges { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.badge { display: inline-flex; align-items: center; gap: .3rem; padding: .1rem .5rem; border-radius: 999px; background: var(--_surface); border: 1px solid var(--_border); font-size: .85em; white-space: nowrap; }
.score { font-weight: 600; }
.trend-up { color: var(--_success); }
.trend-down { color: var(--_danger); }
.live::before { content: ""; width: .5rem; height: .5rem; border-radius: 50%; background: var(--_muted); }
.live[data-state="live"]::before { background: var(--_success); }
.live[data-state="unauthorized"]::before, .live[data-state="offline"]::before { background: var(--_danger); }

.scroll { flex: 1 1 auto; min-height: 0; overflow: auto; padding: .75rem; display: flex; flex-direction: column; gap: 1rem; }
section > h3 { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: var(--_muted); margin-bottom: .4rem; }

.lanes { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(9.5rem, 1fr); gap: .5rem; overflow-x: auto; padding-bottom: .25rem; }
.lane { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: .5rem; min-width: 0; }
.lane[data-current] { border-color: var(--_accent); box-shadow: inset 0 3px 0 var(--_accent); }
.lane h4 { display: flex; justify-content: space-between; gap: .5rem; font-size: .9em; }
.lane .count { color: var(--_muted); font-weight: normal; }
.lane-events { margin-top: .35rem; display: flex; flex-direction: column; gap: .25rem; }
.lane-events li { font-size: .85em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.lane-events li::before { content: ""; display: inline-block; width: .45rem; height: .45rem; border-radius: 50%; margin-right: .35rem; background: var(--_src, var(--_muted)); }
.more { color: var(--_muted); font-size: .8em; }
.lane.empty { opacity: .6; }

.cards { display: flex; flex-direction: column; gap: .35rem; }
.cards li { border-left: 3px solid var(--_accent); background: var(--_surface); padding: .35rem .5rem; border-radius: 0 var(--_radius) var(--_radius) 0; overflow-wrap: anywhere; }
.cards li[data-severity="high"], .cards li[data-severity="critical"] { border-left-color: var(--_danger); }
.cards .why { display: block; color: var(--_muted); font-size: .85em; }

.filter-box summary { cursor: pointer; color: var(--_accent); font-size: .9em; padding: .15rem 0; }
.filter-state { color: var(--_muted); }
.filters { display: flex; flex-direction: column; gap: .5rem; margin-top: .4rem; }
fieldset { border: 0; display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
legend { float: left; margin-right: .25rem; font-size: .8em; color: var(--_muted); text-transform: uppercase; letter-spacing: .04em; }
.chip { display: inline-flex; align-items: center; gap: .3rem; padding: .15rem .55rem; border: 1px solid var(--_border); border-radius: 999px; cursor: pointer; user-select: none; font-size: .85em; background: var(--_bg); }
.chip:has(input:checked) { border-color: var(--_accent); background: color-mix(in srgb, var(--_accent) 12%, var(--_bg)); }
.chip:focus-within { outline: 2px solid var(--_accent); outline-offset: 1px; }
.chip input { margin: 0; accent-color: var(--_accent); }
.summary { color: var(--_muted); font-size: .85em; }

.events { display: flex; flex-direction: column; }
.event { display: grid; grid-template-columns: .75rem 1fr; gap: .5rem; padding: .5rem 0; border-bottom: 1px solid var(--_border); }
.event .dot { width: .6rem; height: .6rem; border-radius: 50%; margin-top: .35rem; background: var(--_src, var(--_muted)); }
.event-title { font-weight: 600; overflow-wrap: anywhere; }
.event-summary { overflow-wrap: anywhere; }
.event-meta { color: var(--_muted); font-size: .8em; display: flex; flex-wrap: wrap; gap: 0 .5rem; }
.event.fresh { animation: ct-fresh 2s ease-out; }
@keyframes ct-fresh { from { background: color-mix(in srgb, var(--_accent) 18%, transparent); } to { background: transparent; } }
@media (prefers-reduced-motion: reduce) { .event.fresh { animation: none; } }
[data-source="DATAVERSE"] { --_src: #7c3aed; }
[data-source="ZENDESK"] { --_src: #ea580c; }
[data-source="MATOMO"] { --_src: #0891b2; }
[data-source="TYPEFORM"] { --_src: #db2777; }

.sentinel { display: flex; justify-content: center; padding: .75rem 0; min-height: 2.5rem; }
button { font: inherit; color: var(--_accent); background: transparent; border: 1px solid var(--_accent); border-radius: var(--_radius); padding: .3rem .8rem; cursor: pointer; }
.end, .empty-note { color: var(--_muted); font-size: .85em; text-align: center; padding: .75rem 0; }
.error { color: var(--_danger); padding: .5rem .75rem; overflow-wrap: anywhere; }
.loading { color: var(--_muted); padding: .75rem; }

/* A CRM sidebar is often 300-360 px wide: one lane and a peek of the next fill the width and snap as they
   scroll sideways, so the journey stays one row high and the timeline below stays in view. */
@container (max-width: 480px) {
  .lanes { grid-auto-columns: 78%; scroll-snap-type: x mandatory; }
  .lane { scroll-snap-align: start; }
  header { padding: .6rem; }
  .scroll { padding: .6rem; }
}
`;

let sharedSheet;
function styleSheet() {
  // A constructed stylesheet: shared by every instance and allowed by a CSP without 'unsafe-inline'.
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(STYLES);
  }
  return sharedSheet;
}

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const humanize = (key) => key
  ? key.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^./, (c) => c.toUpperCase())
  : 'Unclassified';
const sourceLabel = (s) => SOURCE_LABELS[s] ?? humanize(String(s).toLowerCase());
const kindLabel = (k) => KIND_LABELS[k] ?? humanize(String(k).toLowerCase());
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatDate = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateFormat.format(d);
};

class WidgetError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

// ---------- schema feature detection ----------

function unwrap(type) {
  let t = type;
  let list = false;
  while (t && (t.kind === 'NON_NULL' || t.kind === 'LIST')) {
    if (t.kind === 'LIST') list = true;
    t = t.ofType;
  }
  return { kind: t?.kind, name: t?.name, list };
}

/** What the server's schema offers beyond the base read model (score, journey, signals come from other features). */
class SchemaInfo {
  constructor(types) {
    this.types = new Map(types.map((t) => [t.name, t]));
  }

  field(typeName, fieldName) {
    return this.types.get(typeName)?.fields?.find((f) => f.name === fieldName) ?? null;
  }

  enumValues(name) {
    return this.types.get(name)?.enumValues?.map((v) => v.name) ?? [];
  }

  /** Scalar leaves of a type, `depth` object levels down; null when nothing can be selected. */
  selection(typeName, depth, seen = new Set()) {
    const type = this.types.get(typeName);
    if (!type?.fields || seen.has(typeName)) return null;
    const inner = new Set(seen).add(typeName);
    const parts = [];
    for (const f of type.fields) {
      if (f.name.startsWith('__')) continue;
      if (f.args?.some((a) => a.type.kind === 'NON_NULL' && a.defaultValue === null)) continue;
      const t = unwrap(f.type);
      if (t.kind === 'SCALAR' || t.kind === 'ENUM') parts.push(f.name);
      else if ((t.kind === 'OBJECT' || t.kind === 'INTERFACE') && depth > 0
        && !/Connection$/.test(t.name) && t.name !== 'Customer' && !/Event$/.test(t.name)) {
        const sub = this.selection(t.name, depth - 1, inner);
        if (sub) parts.push(`${f.name} { ${sub} }`);
      }
    }
    return parts.length ? parts.join(' ') : null;
  }

  /** Selection of one optional field of a type, or '' when the schema lacks it. */
  optional(typeName, fieldName, depth = 2) {
    const f = this.field(typeName, fieldName);
    if (!f || f.args?.some((a) => a.type.kind === 'NON_NULL' && a.defaultValue === null)) return '';
    const t = unwrap(f.type);
    if (t.kind === 'SCALAR' || t.kind === 'ENUM') return fieldName;
    const sub = this.selection(t.name, depth - 1);
    return sub ? `${fieldName} { ${sub} }` : '';
  }

  /** The customer fields that the journey / score / signals features add, when this server has them. */
  customerExtras() {
    const parts = [];
    // Aliased to "score" so the score reader finds it; trend.direction is "up" / "down" / "steady".
    if (this.field('Customer', 'experience')) parts.push('score: experience { score band priority trend { change direction } }');
    if (this.field('Customer', 'journey')) parts.push('journey { currentStage { key name } }');
    if (this.field('Customer', 'signals')) parts.push('signals { kind reason severity triggeredAt }');
    if (this.field('Customer', 'nextBestActions')) parts.push('nextBestActions { title reason kind priority }');
    return parts.join(' ');
  }
}

const FALLBACK_TYPES = [
  { name: 'EventSource', kind: 'ENUM', enumValues: Object.keys(SOURCE_LABELS).map((name) => ({ name })) },
  { name: 'EventKind', kind: 'ENUM', enumValues: Object.keys(KIND_LABELS).map((name) => ({ name })) },
];

const schemaCache = new Map();
function probeSchema(endpoint, request) {
  // One introspection per endpoint and page: every widget on the page shares it.
  if (!schemaCache.has(endpoint)) {
    const probe = request(SCHEMA_QUERY, {})
      .then((body) => new SchemaInfo(body.data?.__schema?.types ?? []))
      .catch((error) => {
        // A server that turns introspection off still serves the base read model: assume just that.
        if (error instanceof WidgetError && error.kind === 'graphql') return new SchemaInfo(FALLBACK_TYPES);
        schemaCache.delete(endpoint);
        throw error;
      });
    schemaCache.set(endpoint, probe);
  }
  return schemaCache.get(endpoint);
}

// ---------- reading the optional features, whatever their exact shape ----------

const firstOf = (obj, names, test) => {
  if (!obj || typeof obj !== 'object') return undefined;
  for (const n of names) if (n in obj && obj[n] !== null && (!test || test(obj[n]))) return obj[n];
  return undefined;
};
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const isText = (v) => typeof v === 'string' && v.length > 0;
const findKey = (obj, pattern) => obj && Object.keys(obj).find((k) => pattern.test(k));

function readScore(customer) {
  const key = findKey(customer, /score/i);
  if (!key) return null;
  const raw = customer[key];
  if (isNumber(raw)) {
    const trendKey = findKey(customer, /trend/i);
    return { value: raw, trend: trendKey ? customer[trendKey] : undefined };
  }
  if (!raw || typeof raw !== 'object') return null;
  const value = firstOf(raw, ['value', 'score', 'current', 'overall'], isNumber);
  if (value === undefined) return null;
  let trend = firstOf(raw, ['trend', 'direction', 'delta', 'change']);
  if (Array.isArray(trend)) {
    const nums = trend.map((p) => (isNumber(p) ? p : firstOf(p, ['value', 'score'], isNumber))).filter(isNumber);
    trend = nums.length > 1 ? nums[nums.length - 1] - nums[0] : undefined;
  } else if (trend && typeof trend === 'object') {
    trend = firstOf(trend, ['direction', 'delta', 'value', 'change']);
  }
  return { value, trend };
}

function trendOf(trend) {
  if (trend === undefined || trend === null) return null;
  if (isNumber(trend)) {
    if (trend > 0) return { arrow: '▲', cls: 'trend-up', text: `up ${Math.abs(trend).toFixed(1)}` };
    if (trend < 0) return { arrow: '▼', cls: 'trend-down', text: `down ${Math.abs(trend).toFixed(1)}` };
    return { arrow: '▶', cls: '', text: 'steady' };
  }
  const t = String(trend).toLowerCase();
  if (/up|improv|ris|positive/.test(t)) return { arrow: '▲', cls: 'trend-up', text: t };
  if (/down|declin|fall|drop|negative|worse/.test(t)) return { arrow: '▼', cls: 'trend-down', text: t };
  return { arrow: '▶', cls: '', text: t };
}

function readStage(customer) {
  const journey = customer?.journey;
  const candidates = [
    journey && firstOf(journey, ['currentStage', 'stage', 'currentStageKey', 'stageKey']),
    firstOf(customer, ['currentStage', 'stage', 'currentStageKey', 'stageKey']),
  ];
  for (const c of candidates) {
    if (isText(c)) return { key: c, name: undefined };
    if (c && typeof c === 'object') {
      const key = firstOf(c, ['key', 'stageKey', 'id'], isText);
      const name = firstOf(c, ['name', 'title', 'label'], isText);
      if (key || name) return { key, name };
    }
  }
  return null;
}

function readStages(map) {
  const stages = firstOf(map, ['stages'], Array.isArray);
  if (!stages) return null;
  const lanes = stages
    .map((s) => ({ key: firstOf(s, ['key', 'stageKey', 'id'], isText), name: firstOf(s, ['name', 'title', 'label'], isText) }))
    .filter((s) => s.key);
  return lanes.length ? lanes : null;
}

function readItems(customer, pattern, labels, reasons) {
  const key = findKey(customer, pattern);
  const list = key && customer[key];
  if (!Array.isArray(list)) return null;
  return list
    .filter((item) => {
      if (!item || typeof item !== 'object') return isText(item);
      if (item.open === false || item.isOpen === false || item.resolved === true || item.resolvedAt) return false;
      const status = firstOf(item, ['status', 'state']);
      return !(isText(status) && /closed|resolved|dismissed|done/i.test(status));
    })
    .map((item) => (isText(item)
      ? { label: item }
      : {
        label: firstOf(item, labels, isText) ?? humanize(String(firstOf(item, ['kind', 'type', 'code']) ?? 'Item').toLowerCase()),
        why: firstOf(item, reasons, isText),
        severity: String(firstOf(item, ['severity', 'level', 'priority']) ?? '').toLowerCase() || undefined,
      }));
}

// ---------- graphql-transport-ws, spoken directly ----------

/**
 * One WebSocket for all of a widget's subscriptions. Sends the bearer token in connection_init (browsers
 * cannot set headers on a WebSocket), answers pings, re-subscribes after a reconnect, and backs off
 * exponentially (with jitter, capped at 30 s) so a restarting server is not stampeded.
 */
class LiveConnection {
  constructor(url, getToken, onStatus, onReconnected) {
    this.url = url;
    this.getToken = getToken;
    this.onStatus = onStatus;
    this.onReconnected = onReconnected;
    this.subscriptions = new Map();
    this.attempt = 0;
    this.everAcknowledged = false;
    this.stopped = false;
    this.socket = null;
    this.timer = 0;
  }

  subscribe(id, query, variables, sink) {
    this.subscriptions.set(id, { payload: { query, variables }, sink });
    if (this.acknowledged) this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  /** New credentials: a fresh connection_init is the only way to present them. */
  restart() {
    clearTimeout(this.timer);
    this.attempt = 0;
    const old = this.socket;
    this.socket = null;
    if (old) old.close(1000, 'New token');
    this.connect();
  }

  stop(reason = 'Widget removed') {
    this.stopped = true;
    clearTimeout(this.timer);
    const old = this.socket;
    this.socket = null;
    if (old) old.close(1000, reason);
  }

  connect() {
    if (this.stopped) return;
    this.acknowledged = false;
    this.onStatus('connecting');
    let socket;
    try {
      socket = new WebSocket(this.url, SUBPROTOCOL);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      const token = this.getToken();
      socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { Authorization: `Bearer ${token}` } : {} }));
    });
    socket.addEventListener('message', (event) => this.receive(socket, event.data));
    socket.addEventListener('close', (event) => this.closed(socket, event));
  }

  send(message) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  receive(socket, data) {
    if (socket !== this.socket) return;
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      socket.close(4400, 'Invalid message received');
      return;
    }
    const sub = message.id !== undefined ? this.subscriptions.get(message.id) : undefined;
    switch (message.type) {
      case 'connection_ack': {
        this.acknowledged = true;
        this.attempt = 0;
        this.onStatus('live');
        for (const [id, s] of this.subscriptions) this.send({ id, type: 'subscribe', payload: s.payload });
        if (this.everAcknowledged) this.onReconnected();
        this.everAcknowledged = true;
        break;
      }
      case 'ping':
        this.send(message.payload ? { type: 'pong', payload: message.payload } : { type: 'pong' });
        break;
      case 'pong':
        break;
      case 'next':
        sub?.sink.next(message.payload);
        break;
      case 'error':
        // An error ends that operation only; the socket stays up for the others.
        sub?.sink.error(message.payload);
        break;
      case 'complete':
        // The server ended this feed (its customer was erased or merged away): never subscribe it again.
        if (sub) {
          this.subscriptions.delete(message.id);
          sub.sink.complete?.();
        }
        break;
      default:
        socket.close(4400, `Unexpected message type ${String(message.type).slice(0, 40)}`);
    }
  }

  closed(socket, event) {
    if (socket !== this.socket) return; // replaced or stopped on purpose
    this.socket = null;
    this.acknowledged = false;
    if (this.stopped) return;
    if (event.code === 4401 || event.code === 4403) {
      // Retrying with the same token cannot succeed: wait for setToken().
      this.onStatus('unauthorized');
      return;
    }
    if (event.code === 4400 || event.code === 4406 || event.code === 4409 || event.code === 4429) {
      this.onStatus('offline');
      return;
    }
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    const base = Math.min(30000, 500 * 2 ** this.attempt);
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    this.attempt += 1;
    this.onStatus('reconnecting', delay);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}

// ---------- the element ----------

const LIVE_TEXT = {
  idle: 'Not live',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Live updates not authorized',
  offline: 'Live updates off',
  ended: 'Live updates ended',
};

export class CustomerTimelineElement extends HTMLElement {
  static get observedAttributes() {
    return ['customer-id', 'source', 'external-id', 'endpoint', 'page-size'];
  }

  #token = null;
  #tokenGiven = false;
  #generation = 0;
  #listGeneration = 0;
  #schema = null;
  #extras = '';
  #customer = null;
  #journeyStages = null;
  #laneEvents = [];
  #laneTotal = 0;
  #events = [];
  #eventIds = new Set();
  #pageInfo = { hasNextPage: false, endCursor: null };
  #totalCount = 0;
  #loadingPage = false;
  #sources = [];
  #kinds = [];
  #selectedSources = new Set();
  #selectedKinds = new Set();
  #live = null;
  #observer = null;
  #ui = {};
  #connected = false;
  #endedIds = new Set();

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styleSheet()];
  }

  /** Write-only: the bearer token for the API. Setting it reloads what failed and re-authenticates the live socket. */
  set token(value) {
    this.setToken(value);
  }

  get token() {
    return undefined;
  }

  setToken(token) {
    if (token !== null && token !== undefined && typeof token !== 'string') throw new TypeError('token must be a string or null');
    const changed = this.#token !== (token || null);
    this.#token = token || null;
    const first = !this.#tokenGiven;
    this.#tokenGiven = true;
    if (!this.#connected) return;
    if (first && this.hasAttribute('wait-for-token')) {
      this.#load();
    } else if (changed) {
      if (!this.#customer) this.#load();
      else this.#live?.restart();
    }
  }

  connectedCallback() {
    // A host may have set `token` before this element was defined: take it over from the plain property.
    if (Object.prototype.hasOwnProperty.call(this, 'token')) {
      const value = this.token;
      delete this.token;
      this.setToken(value);
    }
    this.#connected = true;
    this.#load();
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#generation += 1;
    this.#live?.stop();
    this.#live = null;
    this.#observer?.disconnect();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#connected) return;
    this.#load();
  }

  get #endpoint() {
    return new URL(this.getAttribute('endpoint') || '/graphql', this.getAttribute('endpoint') ? document.baseURI : SCRIPT_URL).href;
  }

  get #pageSize() {
    const n = Number.parseInt(this.getAttribute('page-size') ?? '', 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, 100) : 20;
  }

  async #request(query, variables) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
    if (this.#token) headers.Authorization = `Bearer ${this.#token}`;
    let response;
    try {
      response = await fetch(this.#endpoint, {
        method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'omit', mode: 'cors',
      });
    } catch {
      throw new WidgetError('network', 'The timeline service cannot be reached.');
    }
    if (response.status === 401 || response.status === 403) {
      throw new WidgetError('unauthorized', 'Not authorized to read this customer: the host has to hand over a valid token.');
    }
    const body = /json/.test(response.headers.get('content-type') ?? '') ? await response.json() : null;
    if (!body) throw new WidgetError('http', `The timeline service answered HTTP ${response.status}.`);
    if (body.errors?.length && !body.data) throw new WidgetError('graphql', body.errors[0].message ?? 'Query failed.');
    return body;
  }

  // ----- loading -----

  async #load() {
    const generation = ++this.#generation;
    this.#live?.stop();
    this.#live = null;
    this.#observer?.disconnect();
    this.#customer = null;
    const target = this.#target();
    this.#renderShell();
    if (typeof target === 'string') {
      this.#showError(target);
      return;
    }
    if (this.hasAttribute('wait-for-token') && !this.#tokenGiven) {
      this.#ui.status.textContent = 'Waiting for the host page to sign in…';
      return;
    }
    try {
      this.#schema = await probeSchema(this.#endpoint, (q, v) => this.#request(q, v));
      if (generation !== this.#generation) return;
      this.#extras = this.#schema.customerExtras();
      this.#sources = this.#schema.enumValues('EventSource');
      this.#kinds = this.#schema.enumValues('EventKind');
      this.#selectedSources = new Set(this.#sources);
      this.#selectedKinds = new Set(this.#kinds);
      if (target.source && !this.#sources.includes(target.source)) {
        this.#showError(`Unknown source "${target.source}": one of ${this.#sources.join(', ')}.`);
        return;
      }
      const overview = await this.#fetchOverview(target);
      if (generation !== this.#generation) return;
      if (!overview.customer) {
        this.#showError(target.id
          ? 'This customer does not exist (or was erased).'
          : `No customer is known by this ${sourceLabel(target.source)} id yet.`);
        return;
      }
      this.#applyOverview(overview);
      this.#renderBody();
      await this.#loadPage(true);
      if (generation !== this.#generation) return;
      if (this.#endedIds.has(this.#customer.id)) this.#renderLive('ended');
      else this.#startLive(this.#customer.id);
    } catch (error) {
      if (generation === this.#generation) this.#showError(error instanceof WidgetError ? error.message : 'The timeline could not be loaded.');
    }
  }

  /** { id } or { source, externalId } from the attributes, or why there is nothing to show. */
  #target() {
    const id = this.getAttribute('customer-id');
    const source = this.getAttribute('source')?.trim().toUpperCase();
    const externalId = this.getAttribute('external-id')?.trim();
    if (id && (source || externalId)) return 'Pass customer-id, or source and external-id, not both.';
    if (id) return { id };
    if (source && externalId) return { source, externalId };
    if (source || externalId) return 'source and external-id go together.';
    return 'No customer-id (or source and external-id) attribute: nothing to show.';
  }

  #overviewQuery(extras, byKey) {
    const journeyMap = this.#schema.field('Query', 'journeyMap') ? 'journeyMap { stages { key name } }' : '';
    const root = byKey
      ? 'customer: customerByIdentity(source: $source, externalId: $externalId)'
      : 'customer(id: $id)';
    const parameters = byKey ? '$source: EventSource!, $externalId: String!' : '$id: ID!';
    return `query CustomerTimelineOverview(${parameters}, $lanes: Int!) {
      ${root} {
        id displayName company isAnonymous ${extras}
        lanes: timeline(first: $lanes) { totalCount nodes { ...CtEvent } }
      }
      ${journeyMap}
    }
    ${EVENT_FRAGMENT}`;
  }

  async #fetchOverview(target) {
    const byKey = !target.id;
    const variables = { ...target, lanes: LANE_EVENT_LIMIT };
    if (this.#extras) {
      // Fields of other features may be guarded (scopes) or shaped unexpectedly: fall back to the base read.
      const body = await this.#request(this.#overviewQuery(this.#extras, byKey), variables).catch(() => null);
      if (body?.data && !body.errors?.length) return body.data;
      this.#extras = '';
    }
    return (await this.#request(this.#overviewQuery('', byKey), variables)).data;
  }

  #applyOverview(data) {
    this.#customer = data.customer;
    this.#journeyStages = data.journeyMap ? readStages(data.journeyMap) : null;
    this.#laneEvents = data.customer.lanes.nodes.slice();
    this.#laneTotal = data.customer.lanes.totalCount;
  }

  #filter() {
    const filter = {};
    if (this.#selectedSources.size < this.#sources.length) filter.sources = [...this.#selectedSources];
    if (this.#selectedKinds.size < this.#kinds.length) filter.kinds = [...this.#selectedKinds];
    return Object.keys(filter).length ? filter : null;
  }

  #matchesFilter(event) {
    return this.#selectedSources.has(event.source) && this.#selectedKinds.has(event.kind);
  }

  async #loadPage(reset) {
    const generation = this.#generation;
    if (reset) {
      // A new filter starts a new list: responses to an older filter are dropped when they arrive.
      this.#listGeneration += 1;
      this.#loadingPage = false;
      this.#events = [];
      this.#eventIds = new Set();
      this.#pageInfo = { hasNextPage: false, endCursor: null };
      this.#totalCount = 0;
      this.#ui.list.replaceChildren();
    } else if (this.#loadingPage || !this.#pageInfo.hasNextPage) {
      return;
    }
    if (this.#selectedSources.size === 0 || this.#selectedKinds.size === 0) {
      // The API reads an empty list as "any": nothing selected has to mean nothing shown.
      this.#renderListState();
      return;
    }
    const listGeneration = this.#listGeneration;
    const current = () => generation === this.#generation && listGeneration === this.#listGeneration;
    this.#loadingPage = true;
    this.#ui.errorSlot.replaceChildren();
    this.#ui.list.setAttribute('aria-busy', 'true');
    this.#renderListState();
    try {
      const body = await this.#request(`query CustomerTimelinePage($id: ID!, $first: Int!, $after: String, $filter: TimelineFilter) {
        customer(id: $id) { id timeline(first: $first, after: $after, filter: $filter) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ...CtEvent } } }
      }
      ${EVENT_FRAGMENT}`, {
        id: this.#customer.id,
        first: this.#pageSize,
        after: reset ? null : this.#pageInfo.endCursor,
        filter: this.#filter(),
      });
      if (!current()) return;
      const page = body.data.customer?.timeline;
      if (!page) throw new WidgetError('graphql', 'The timeline could not be read.');
      this.#totalCount = page.totalCount;
      this.#pageInfo = page.pageInfo;
      const fresh = page.nodes.filter((e) => !this.#eventIds.has(e.id));
      for (const e of fresh) {
        this.#eventIds.add(e.id);
        this.#events.push(e);
      }
      this.#ui.list.append(...fresh.map((e) => this.#renderEvent(e)));
    } catch (error) {
      if (current()) this.#showError(error instanceof WidgetError ? error.message : 'Older events could not be loaded.', true);
    } finally {
      if (current()) {
        this.#loadingPage = false;
        this.#ui.list.setAttribute('aria-busy', 'false');
        this.#renderListState();
        this.#rearmObserver();
      }
    }
  }

  #rearmObserver() {
    // Observing again reports the sentinel's current visibility, so a short page that leaves it in
    // view loads the next one without waiting for a scroll that may never come.
    if (!this.#observer || !this.#pageInfo.hasNextPage) return;
    this.#observer.unobserve(this.#ui.sentinel);
    this.#observer.observe(this.#ui.sentinel);
  }

  // ----- live -----

  #startLive(customerId) {
    const url = new URL(this.#endpoint);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const live = new LiveConnection(url.href, () => this.#token,
      (state) => this.#renderLive(state),
      () => this.#catchUp());
    live.subscribe('events', `subscription CustomerTimelineAdded($id: ID!) {
      timelineEventAdded(customerId: $id) { ...CtEvent }
    }
    ${EVENT_FRAGMENT}`, { id: customerId }, {
      next: (payload) => {
        const event = payload?.data?.timelineEventAdded;
        if (event) this.#addLiveEvent(event);
      },
      error: () => this.#renderLive('offline'),
      complete: () => this.#liveEnded(live),
    });
    live.subscribe('customer', `subscription CustomerTimelineUpdated($id: ID!) {
      customerUpdated(customerId: $id) { id displayName company isAnonymous ${this.#extras} }
    }`, { id: customerId }, {
      next: (payload) => {
        const customer = payload?.data?.customerUpdated;
        if (customer && this.#customer && customer.id !== this.#customer.id) {
          // Subscribed just after a merge: the server gave the survivor's feed (as customer(id:) gives the survivor).
          this.#load();
        } else if (customer && this.#customer) {
          this.#customer = { ...this.#customer, ...customer };
          this.#renderHeader();
          this.#renderInsights();
          this.#renderLanes();
        }
      },
      error: () => {},
      complete: () => this.#liveEnded(live),
    });
    this.#live = live;
    live.start();
  }

  /** Both feeds end together when the customer is gone; nothing is left to keep the socket for. */
  #liveEnded(live) {
    if (live !== this.#live || live.subscriptions.size > 0) return;
    live.stop('Feeds ended');
    this.#renderLive('ended');
    // The ended id is remembered so a customer that is gone is not looked up again and again.
    if (!this.#customer || this.#endedIds.has(this.#customer.id)) return;
    this.#endedIds.add(this.#customer.id);
    // Shown by the host's record id: a merge moved that record to another customer, whom the key now finds.
    if (!this.hasAttribute('customer-id')) this.#load();
    else this.#followMerge(this.#customer.id);
  }

  /**
   * Shown by our id: after a merge that id finds the survivor (customer(id:) follows merges), shown instead. An
   * erased customer's id finds nobody, and the ended timeline stays as it was.
   */
  async #followMerge(endedId) {
    const generation = this.#generation;
    try {
      const body = await this.#request('query CustomerTimelineSurvivor($id: ID!) { customer(id: $id) { id } }',
        { id: this.getAttribute('customer-id') });
      const survivor = body.data?.customer?.id;
      if (generation === this.#generation && survivor && survivor !== endedId) this.#load();
    } catch {
      // Stays ended, as for an erased customer.
    }
  }

  /** After a reconnect: whatever landed while the socket was down comes from a plain query. */
  async #catchUp() {
    const generation = this.#generation;
    try {
      const data = await this.#fetchOverview({ id: this.#customer.id });
      if (generation !== this.#generation || !data.customer) return;
      const known = new Set(this.#laneEvents.map((e) => e.id));
      for (const e of data.customer.lanes.nodes.slice().reverse()) {
        if (!known.has(e.id)) this.#addLiveEvent(e);
      }
    } catch {
      // The next reconnect tries again.
    }
  }

  #addLiveEvent(event) {
    const laneIndex = this.#laneEvents.findIndex((e) => e.id === event.id);
    if (laneIndex >= 0) {
      this.#laneEvents[laneIndex] = event; // a sync updated it: show the new version, announce nothing
    } else {
      this.#laneEvents.unshift(event);
      this.#laneTotal += 1;
    }
    this.#renderLanes();
    const existing = this.#ui.list.querySelector(`li[data-id="${CSS.escape(event.id)}"]`);
    if (existing) {
      existing.replaceWith(this.#renderEvent(event));
      return;
    }
    if (laneIndex >= 0) return;
    this.#ui.status.textContent = `New event: ${event.title} (${sourceLabel(event.source)})`;
    this.dispatchEvent(new CustomEvent('customer-timeline:event-added', { detail: { id: event.id, kind: event.kind, source: event.source } }));
    if (!this.#matchesFilter(event)) return;
    // Newest first: place it where it belongs; one older than every loaded one arrives with its page.
    const at = this.#events.findIndex((e) => e.occurredAt < event.occurredAt || (e.occurredAt === event.occurredAt && e.id < event.id));
    if (at < 0 && this.#pageInfo.hasNextPage) {
      this.#totalCount += 1;
      this.#renderListState();
      return;
    }
    const item = this.#renderEvent(event);
    item.classList.add('fresh');
    if (at < 0) {
      this.#events.push(event);
      this.#ui.list.append(item);
    } else {
      this.#events.splice(at, 0, event);
      this.#ui.list.children[at].before(item);
    }
    this.#eventIds.add(event.id);
    this.#totalCount += 1;
    this.#renderListState();
  }

  // ----- rendering -----

  #renderShell() {
    const status = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const main = h('div', { class: 'loading', text: 'Loading timeline…' });
    this.shadowRoot.replaceChildren(main, status);
    this.#ui = { status, main };
  }

  #showError(message, keepContent = false) {
    const alert = h('p', { class: 'error', role: 'alert', text: message });
    if (keepContent && this.#ui.list) {
      this.#ui.errorSlot.replaceChildren(alert);
      return;
    }
    this.#ui.main.replaceWith(alert);
    this.#ui.main = alert;
  }

  #renderBody() {
    const idBase = `ct-${Math.random().toString(36).slice(2, 8)}`;
    const header = h('header');
    const liveBadge = h('span', { class: 'badge live', 'data-state': 'idle', text: LIVE_TEXT.idle });
    const lanes = h('section', { class: 'journey', 'aria-labelledby': `${idBase}-journey` });
    const insights = h('div', { class: 'insights' });
    const filters = this.#renderFilters(idBase);
    const summary = h('p', { class: 'summary', id: `${idBase}-summary`, 'aria-live': 'off' });
    const list = h('ol', { class: 'events', 'aria-labelledby': `${idBase}-timeline`, 'aria-describedby': `${idBase}-summary`, 'aria-busy': 'false' });
    const loadOlder = h('button', { type: 'button', text: 'Load older events', onclick: () => this.#loadPage(false) });
    const sentinel = h('div', { class: 'sentinel' }, loadOlder);
    const errorSlot = h('div');
    const timeline = h('section', { class: 'timeline', 'aria-labelledby': `${idBase}-timeline` },
      h('h3', { id: `${idBase}-timeline`, text: 'Timeline' }), filters, summary, list, errorSlot, sentinel);
    const scroll = h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Customer journey and timeline' },
      lanes, insights, timeline);
    this.#ui.main.replaceWith(header, scroll);
    this.#ui = { ...this.#ui, main: header, header, liveBadge, lanes, insights, summary, list, sentinel, loadOlder, errorSlot, idBase, scroll };
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.#loadPage(false);
    }, { rootMargin: '0px 0px 200px 0px' });
    this.#observer.observe(sentinel);
    this.#renderHeader();
    this.#renderLanes();
    this.#renderInsights();
  }

  #renderHeader() {
    const c = this.#customer;
    const badges = h('div', { class: 'badges' });
    const score = readScore(c);
    if (score) {
      const trend = trendOf(score.trend);
      const value = Number.isInteger(score.value) ? String(score.value) : score.value.toFixed(1);
      badges.append(h('span', {
        class: 'badge score',
        'aria-label': `Experience score ${value}${trend ? `, trend ${trend.text}` : ''}`,
      }, `Score ${value}`, trend ? h('span', { class: trend.cls, 'aria-hidden': 'true', text: trend.arrow }) : null));
    }
    const stage = this.#currentStage();
    if (stage) {
      badges.append(h('span', { class: 'badge stage', 'aria-label': `Current stage: ${stage.name}${stage.derived ? ' (from the latest event)' : ''}` },
        stage.name));
    }
    badges.append(this.#ui.liveBadge);
    this.#ui.header.replaceChildren(
      h('div', { class: 'who' },
        h('h2', { text: c.displayName }),
        c.company ? h('p', { text: c.company }) : null),
      badges);
  }

  #currentStage() {
    const stage = readStage(this.#customer);
    if (stage) return { key: stage.key, name: stage.name ?? this.#stageName(stage.key) };
    const latest = this.#laneEvents.find((e) => e.stageKey);
    return latest ? { key: latest.stageKey, name: this.#stageName(latest.stageKey), derived: true } : null;
  }

  #stageName(key) {
    return this.#journeyStages?.find((s) => s.key === key)?.name ?? humanize(key);
  }

  #lanes() {
    // With the journey map the stages are known and ordered; without it, lanes come from the events'
    // stage keys in the order the customer first reached them.
    const byStage = new Map();
    const known = this.#journeyStages ? new Set(this.#journeyStages.map((s) => s.key)) : null;
    for (const e of this.#laneEvents) {
      const key = e.stageKey && (!known || known.has(e.stageKey)) ? e.stageKey : UNCLASSIFIED;
      if (!byStage.has(key)) byStage.set(key, []);
      byStage.get(key).push(e);
    }
    let lanes;
    if (this.#journeyStages) {
      lanes = this.#journeyStages.map((s) => ({ key: s.key, name: s.name ?? humanize(s.key), events: byStage.get(s.key) ?? [] }));
    } else {
      lanes = [...byStage.entries()]
        .filter(([key]) => key !== UNCLASSIFIED)
        .map(([key, events]) => ({ key, name: humanize(key), events, first: events[events.length - 1].occurredAt }))
        .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    }
    if (byStage.has(UNCLASSIFIED)) lanes.push({ key: UNCLASSIFIED, name: 'Unclassified', events: byStage.get(UNCLASSIFIED) });
    return lanes;
  }

  #renderLanes() {
    const headingId = `${this.#ui.idBase}-journey`;
    const lanes = this.#lanes();
    const current = this.#currentStage()?.key;
    const note = this.#laneTotal > this.#laneEvents.length
      ? h('p', { class: 'more', text: `Latest ${this.#laneEvents.length} of ${this.#laneTotal} events` })
      : null;
    // Focusable so that keyboard users can scroll the lanes sideways.
    const list = h('ol', { class: 'lanes', 'aria-labelledby': headingId, tabindex: '0' },
      lanes.map((lane) => {
        const count = lane.events.length;
        const shown = lane.events.slice(0, LANE_PREVIEW);
        return h('li', {
          class: count ? 'lane' : 'lane empty',
          'data-stage': lane.key || 'unclassified',
          'data-count': String(count),
          'data-current': lane.key && lane.key === current ? true : undefined,
          'aria-label': `${lane.name}: ${count} event${count === 1 ? '' : 's'}${lane.key && lane.key === current ? ', current stage' : ''}`,
        },
        h('h4', {}, h('span', { text: lane.name }), h('span', { class: 'count', 'aria-hidden': 'true', text: String(count) })),
        count ? h('ul', { class: 'lane-events' }, shown.map((e) => h('li', {
          'data-id': e.id, 'data-source': e.source, title: `${e.title} · ${formatDate(e.occurredAt)}`, text: e.title,
        }))) : null,
        count > shown.length ? h('p', { class: 'more', text: `+${count - shown.length} more` }) : null);
      }));
    this.#ui.lanes.replaceChildren(...[h('h3', { id: headingId, text: 'Journey' }), lanes.length ? list : h('p', { class: 'empty-note', text: 'No events yet.' }), note].filter(Boolean));
  }

  #renderInsights() {
    const c = this.#customer;
    const signals = readItems(c, /signal/i, ['title', 'message', 'summary', 'description', 'label', 'name'], ['reason', 'explanation', 'details', 'description']);
    const actions = readItems(c, /nextbestaction/i, ['title', 'label', 'action', 'summary', 'description', 'name'], ['reason', 'why', 'explanation', 'rationale']);
    const block = (title, cls, items) => {
      const id = `${this.#ui.idBase}-${cls}`;
      return h('section', { class: cls, 'aria-labelledby': id },
        h('h3', { id, text: title }),
        items.length
          ? h('ul', { class: 'cards' }, items.map((i) => h('li', { 'data-severity': i.severity }, i.label, i.why ? h('span', { class: 'why', text: i.why }) : null)))
          : h('p', { class: 'empty-note', text: 'None.' }));
    };
    this.#ui.insights.replaceChildren(
      ...(signals ? [block('Open signals', 'signals', signals)] : []),
      ...(actions ? [block('Next best actions', 'actions', actions)] : []));
  }

  #renderFilters(idBase) {
    const group = (legend, name, values, labelOf, selected) => h('fieldset', {},
      h('legend', { text: legend }),
      values.map((value) => h('label', { class: 'chip', 'data-source': name === 'source' ? value : undefined },
        h('input', {
          type: 'checkbox', name, value, checked: true,
          onchange: (e) => {
            if (e.target.checked) selected.add(value);
            else selected.delete(value);
            this.#loadPage(true);
          },
        }),
        labelOf(value))));
    // Collapsed by default: in a narrow sidebar the chips would otherwise push the events out of view.
    const label = h('span', { class: 'filter-state' });
    this.#ui.filterState = label;
    return h('details', { class: 'filter-box' },
      h('summary', {}, 'Filters ', label),
      h('form', { class: 'filters', 'aria-label': 'Filter the timeline', id: `${idBase}-filters`, onsubmit: (e) => e.preventDefault() },
        group('Sources', 'source', this.#sources, sourceLabel, this.#selectedSources),
        group('Kinds', 'kind', this.#kinds, kindLabel, this.#selectedKinds)));
  }

  #renderListState() {
    const all = this.#selectedSources.size === this.#sources.length && this.#selectedKinds.size === this.#kinds.length;
    this.#ui.filterState.textContent = all
      ? '(all events)'
      : `(${this.#selectedSources.size} of ${this.#sources.length} sources, ${this.#selectedKinds.size} of ${this.#kinds.length} kinds)`;
    const none = this.#selectedSources.size === 0 || this.#selectedKinds.size === 0;
    const loaded = this.#events.length;
    this.#ui.summary.textContent = none
      ? 'Select at least one source and one kind.'
      : this.#loadingPage && loaded === 0
        ? 'Loading…'
        : `Showing ${loaded} of ${this.#totalCount} event${this.#totalCount === 1 ? '' : 's'}`;
    const more = !none && this.#pageInfo.hasNextPage;
    this.#ui.sentinel.replaceChildren(
      more
        ? this.#ui.loadOlder
        : !none && !this.#loadingPage ? h('p', { class: 'end', text: loaded ? 'Beginning of the timeline' : 'No events match these filters.' }) : '');
    this.#ui.loadOlder.disabled = this.#loadingPage;
  }

  #renderEvent(e) {
    const details = [];
    if (e.__typename === 'TicketEvent') details.push(`${e.status} · ${e.priority}`);
    if (e.__typename === 'SurveyAnswerEvent') details.push(`${e.surveyType} ${e.score}/${e.scaleMax}`);
    if (e.__typename === 'WebVisitEvent' && e.durationSeconds) details.push(`${Math.round(e.durationSeconds / 60) || '<1'} min`);
    if (e.__typename === 'CrmActivityEvent' && e.direction) details.push(e.direction.toLowerCase());
    return h('li', {
      class: 'event', 'data-id': e.id, 'data-source': e.source, 'data-kind': e.kind,
      'data-stage': e.stageKey ?? 'unclassified', 'data-time': e.occurredAt,
    },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('div', {},
      h('p', { class: 'event-title', text: e.title }),
      e.summary && e.summary !== e.title ? h('p', { class: 'event-summary', text: e.summary }) : null,
      h('p', { class: 'event-meta' },
        h('time', { datetime: e.occurredAt, text: formatDate(e.occurredAt) }),
        h('span', { text: sourceLabel(e.source) }),
        h('span', { text: kindLabel(e.kind) }),
        h('span', { text: this.#stageName(e.stageKey) }),
        ...details.map((d) => h('span', { text: d })))));
  }

  #renderLive(state, delay) {
    const badge = this.#ui.liveBadge;
    if (!badge) return;
    badge.dataset.state = state;
    badge.textContent = state === 'reconnecting' && delay ? `Reconnecting in ${Math.ceil(delay / 1000)} s` : LIVE_TEXT[state] ?? state;
    this.dispatchEvent(new CustomEvent('customer-timeline:live', { detail: { state } }));
  }
}

if (!customElements.get('customer-timeline')) customElements.define('customer-timeline', CustomerTimelineElement);
