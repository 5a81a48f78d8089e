// Apollo Client 4 with nothing but HttpLink against the router: subscriptions over
// Apollo's multipart HTTP protocol and @defer over multipart/mixed.
// node apollo4_http.mjs <http-url> <token>
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';

import { emit, main, nextLine, within } from './common.mjs';

const [httpUrl, token] = process.argv.slice(2);

const client = new ApolloClient({
  link: new HttpLink({ uri: httpUrl, headers: { Authorization: `Bearer ${token}` } }),
  cache: new InMemoryCache(),
  incrementalHandler: new Defer20220824Handler(),
});

const MESSAGES = gql`
  subscription OnMessage($c: ID!) {
    messageAdded(conversationId: $c) { text sender { id displayName } }
  }
`;
const COUNTDOWN = gql`
  subscription Countdown { countdown(start: 3) }
`;
const DEFERRED = gql`
  query Deferred {
    person(id: "bob") { id displayName ... @defer(label: "picture") { avatarUrl } }
  }
`;

function errorOf(error) {
  const errors = error?.errors ?? error?.graphQLErrors ?? [];
  return {
    name: error?.name ?? null,
    codes: errors.map((e) => e.extensions?.code ?? null),
  };
}

// Every result until complete or error; with `take`, unsubscribes after that many.
function collect(options, take) {
  return new Promise((resolve) => {
    const events = [];
    let settled = false;
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      subscription?.unsubscribe();
      resolve({ events: [...events], ...outcome });
    };
    const subscription = client.subscribe(options).subscribe({
      next: (value) => {
        if (value.error) {
          settle({ error: errorOf(value.error) });
          return;
        }
        events.push(value.data);
        if (take !== undefined && events.length >= take) settle({ unsubscribed: true });
      },
      error: (error) => settle({ error: errorOf(error) }),
      complete: () => settle({ completed: true }),
    });
  });
}

function deferred() {
  return new Promise((resolve, reject) => {
    const states = [];
    const subscription = client
      .watchQuery({ query: DEFERRED, fetchPolicy: 'network-only' })
      .subscribe({
        next: (value) => {
          if (value.error) reject(new Error(JSON.stringify(errorOf(value.error))));
          if (value.data === undefined) return;
          states.push({ dataState: value.dataState, data: value.data });
          if (value.dataState === 'complete') {
            subscription.unsubscribe();
            resolve(states);
          }
        },
        error: reject,
      });
  });
}

main(async () => {
  const message = collect({ query: MESSAGES, variables: { c: 'c1' } }, 1);
  emit({ stage: 'subscribed' });
  await within(20, nextLine(), 'the go-ahead');
  const countdown = await within(20, collect({ query: COUNTDOWN }), 'the countdown');
  const forbidden = await within(
    20,
    collect({ query: MESSAGES, variables: { c: 'secret' } }),
    'the refusal',
  );
  const defer = await within(20, deferred(), 'the deferred query');
  return {
    message: await within(20, message, 'the message'),
    countdown,
    forbidden,
    defer,
  };
});
