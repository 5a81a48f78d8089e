// graphql-sse's own client (distinct connections mode) against the router:
// node graphql_sse.mjs <http-url> <token>
import { createClient } from 'graphql-sse';

import { emit, main, nextLine, within } from './common.mjs';

const [url, token] = process.argv.slice(2);

function connect(authorization) {
  return createClient({
    url,
    singleConnection: false,
    retryAttempts: 0,
    headers: { Authorization: authorization },
  });
}

function describe(error) {
  if (Array.isArray(error)) return { graphQLErrors: error.map((e) => e.extensions?.code) };
  return { message: String(error?.message ?? error) };
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
  await within(20, nextLine(), 'the go-ahead');
  const countdown = await within(
    20,
    collect(client, { query: 'subscription { countdown(start: 3) }' }),
    'the countdown',
  );
  const query = await within(
    20,
    collect(client, { query: '{ person(id: "bob") { displayName } }' }),
    'the query',
  );
  const rejected = await within(
    20,
    collect(connect('Bearer not-a-token'), { query: 'subscription { countdown(start: 1) }' }),
    'the refusal',
  );
  const invalid = await within(
    20,
    collect(client, { query: 'subscription { nope }' }),
    'the invalid one',
  );
  client.dispose();
  return {
    message: await within(20, message, 'the message'),
    countdown,
    query,
    rejected,
    invalid,
  };
});
