// Demo host (Development only): a fake CRM record page with the timeline in its sidebar, embedded both
// ways: the <customer-timeline> element directly, and the /embed/timeline iframe fed through postMessage.
import '/widget/customer-timeline.js';

const select = document.getElementById('customer');
const tokenInput = document.getElementById('token');
const direct = document.getElementById('direct');
const frame = document.getElementById('framed');
const recordName = document.getElementById('record-name');
const recordCompany = document.getElementById('record-company');

const token = () => tokenInput.value.trim() || null;

async function loadCustomers() {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: '{ customers(first: 50) { nodes { id displayName company } } }' }),
  });
  const body = await response.json();
  return body.data?.customers?.nodes ?? [];
}

function sendTokenToFrame() {
  // The target origin is explicit: the token goes to the embed page's origin and nowhere else.
  frame.contentWindow?.postMessage({ type: 'customer-timeline:token', token: token() }, window.location.origin);
}

function show(customer) {
  recordName.textContent = customer.displayName;
  recordCompany.textContent = customer.company ?? '';
  direct.setAttribute('customer-id', customer.id);
  direct.setToken(token());
  frame.src = `/embed/timeline?customerId=${encodeURIComponent(customer.id)}`;
}

window.addEventListener('message', (event) => {
  if (event.origin !== window.location.origin || event.source !== frame.contentWindow) return;
  if (event.data?.type === 'customer-timeline:ready') sendTokenToFrame();
});

tokenInput.addEventListener('change', () => {
  direct.setToken(token());
  sendTokenToFrame();
});

// In Development the API issues local dev tokens (POST /dev/token); elsewhere paste a real one.
async function ensureToken() {
  if (token()) return;
  const response = await fetch('/dev/token', { method: 'POST' });
  if (response.ok) tokenInput.value = (await response.json()).access_token ?? '';
}

await ensureToken();
const customers = token() ? await loadCustomers() : [];
if (!token()) {
  recordName.textContent = 'Paste a bearer token with Timeline.Read above, then reload.';
} else if (customers.length === 0) {
  recordName.textContent = 'No customers yet: start the API with Demo:Enabled=true or run a sync.';
} else {
  const wanted = new URLSearchParams(window.location.search).get('customerId');
  for (const c of customers) select.append(new Option(`${c.displayName}${c.company ? ` (${c.company})` : ''}`, c.id));
  const initial = customers.find((c) => c.id === wanted) ?? customers[0];
  select.value = initial.id;
  select.addEventListener('change', () => show(customers.find((c) => c.id === select.value)));
  show(initial);
}
