// Subscribes to timelineEventAdded with the real npm graphql-ws client (Node has no global WebSocket
// before v22, so `ws` is the implementation) and prints one JSON line per milestone on stdout:
//   {"event":"connected"}  then  {"event":"next","payload":{...}}  and exits 0.
// Inputs come from the environment so that nothing secret shows in a process list:
//   CT_WS_URL (ws://host:port/graphql), CT_CUSTOMER_ID (global id), CT_TOKEN (optional bearer token),
//   CT_TIMEOUT_MS (default 20000): the script gives up and exits 2 after that, so a test never hangs.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.env.CT_WS_URL;
const customerId = process.env.CT_CUSTOMER_ID;
const token = process.env.CT_TOKEN;
const timeoutMs = Number(process.env.CT_TIMEOUT_MS ?? 20000);
if (!url || !customerId) {
  console.error('CT_WS_URL and CT_CUSTOMER_ID are required');
  process.exit(64);
}

const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
  on: {
    connected: () => print({ event: 'connected' }),
    closed: (e) => print({ event: 'closed', code: e?.code ?? null }),
  },
});

const timer = setTimeout(() => {
  console.error(`no event within ${timeoutMs} ms`);
  process.exit(2);
}, timeoutMs);

const query = `subscription Added($customerId: ID!) {
  timelineEventAdded(customerId: $customerId) { __typename id title source kind }
}`;

try {
  const subscription = client.iterate({ query, variables: { customerId } });
  for await (const result of subscription) {
    print({ event: 'next', payload: result });
    break; // leaving the loop sends `complete` for this subscription
  }
  clearTimeout(timer);
  await client.dispose();
  process.exit(0);
} catch (error) {
  clearTimeout(timer);
  console.error('subscription failed:', error instanceof Error ? error.message : JSON.stringify(error));
  process.exit(1);
}
