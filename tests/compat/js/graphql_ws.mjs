// graphql-ws's own client against the router: node graphql_ws.mjs <ws-url> <token>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { describe, emit, main, within } from './common.mjs';

const [url, token] = process.argv.slice(2);

function connect(authorization) {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { Authorization: authorization },
  });
}

// Every event until `complete` or `error`; with `take`, unsubscribes after that many.
function collect(client, payload, take) {
  return new Promise((resolve) => {
    const events = [];
    let settled = false;
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      resolve({ events: [...events], ...outcome });
    };
    const unsubscribe = client.subscribe(payload, {
      next: (value) => {
        events.push(value);
        if (take !== undefined && events.length >= take) {
          unsubscribe();
          settle({ unsubscribed: true });
        }
      },
      error: (error) => settle({ error: describe(error) }),
      complete: () => settle({ completed: true }),
    });
  });
}

main(async () => {
  const client = connect(`Bearer ${token}`);
  const message = collect(
    client,
    {
      query: `subscription OnMessage($c: ID!) {
        messageAdded(conversationId: $c) { text sender { displayName } }
      }`,
      variables: { c: 'c1' },
    },
    1,
  );
  emit({ stage: 'subscribed' });
  const [countdown, query, forbidden] = await within(
    20,
    Promise.all([
      collect(client, { query: 'subscription { countdown(start: 3) }' }),
      collect(client, { query: '{ person(id: "bob") { displayName } }' }),
      collect(client, {
        query: 'subscription { messageAdded(conversationId: "secret") { text } }',
      }),
    ]),
    'countdown, query and forbidden operations',
  );
  const first = await within(20, message, 'the messageAdded event');

  const stranger = connect('Bearer not-a-token');
  const rejected = await within(
    20,
    collect(stranger, { query: 'subscription { countdown(start: 1) }' }),
    'the bad token',
  );
  await client.dispose();
  await stranger.dispose();
  return { message: first, countdown, query, forbidden, rejected };
});
