// Apollo Client 4 and graphql-ws against the real LifeGraph (`lifegraph up`'s app):
// node apollo_lifegraph.mjs <http-url> <ws-url> <setup-json>
// setup: { ada: { accessToken, expiredToken, refreshToken, goalId, goalNodeId },
//          conversationId, firstCursor }
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { from, mergeMap } from 'rxjs';
import WebSocket from 'ws';

import { describe, emit, main, nextLine, within } from './common.mjs';

const [httpUrl, wsUrl, setupJson] = process.argv.slice(2);
const setup = JSON.parse(setupJson);

// Every HTTP request the clients make, as the router received it.
const requests = [];
const counting = (uri, options) => {
  const body = JSON.parse(options.body);
  requests.push(Array.isArray(body) ? body.map((b) => b.operationName) : body.operationName);
  return fetch(uri, options);
};

// A global id names its type (docs/clients.md): read `node(id:)` from the cache first.
function nodeReference(_, { args, toReference }) {
  const [typename, id] = Buffer.from(args.id, 'base64').toString('utf8').split(':');
  return toReference({ __typename: typename, id });
}

function cache() {
  return new InMemoryCache({
    possibleTypes: {
      Node: ['User', 'Goal', 'Habit', 'Post', 'Comment', 'Conversation', 'Message', 'Notification'],
    },
    typePolicies: { Query: { fields: { node: { read: nodeReference } } } },
  });
}

// --- the session: tokens and a deliberately naive refresh (one per failed operation) -----
const session = { accessToken: setup.ada.expiredToken, refreshToken: setup.ada.refreshToken };
const refreshes = [];
const REFRESH = `mutation Refresh($i: RefreshTokenInput!) {
  refreshToken(input: $i) { accessToken refreshToken } }`;

async function refresh(used) {
  const response = await counting(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      operationName: 'Refresh',
      query: REFRESH,
      variables: { i: { refreshToken: used } },
    }),
  });
  const body = await response.json();
  refreshes.push(body.data ? body.data.refreshToken.refreshToken : describe(body.errors));
  if (!body.data) throw new Error(`signed out: ${JSON.stringify(body.errors)}`);
  session.accessToken = body.data.refreshToken.accessToken;
  session.refreshToken = body.data.refreshToken.refreshToken;
}

const auth = new ApolloLink((operation, forward) => {
  operation.setContext(({ headers = {} }) => ({
    headers: { ...headers, authorization: `Bearer ${session.accessToken}` },
    sentWith: session.refreshToken,
  }));
  return forward(operation);
});

// Each operation refreshes with the refresh token it knew when it failed: three parallel
// failures send the same token three times, which the reuse interval must allow.
const retry = new ErrorLink(({ error, operation, forward }) => {
  const expired =
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (!expired || operation.getContext().retried) return;
  operation.setContext({ retried: true });
  return from(refresh(operation.getContext().sentWith)).pipe(mergeMap(() => forward(operation)));
});

const connections = [];
const sockets = createClient({
  url: wsUrl,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  connectionParams: () => ({ Authorization: `Bearer ${session.accessToken}` }),
  on: { connected: () => connections.push('connected') },
});

const transport = ApolloLink.split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  new GraphQLWsLink(sockets),
  new HttpLink({ uri: httpUrl, fetch: counting }),
);
const client = new ApolloClient({ link: ApolloLink.from([retry, auth, transport]), cache: cache() });

// --- documents ---------------------------------------------------------------------------
const HOME = gql`
  query Home {
    me { id displayName stats { goalsActive } goals(first: 5) { edges { node { id title } } } }
  }
`;
const GOAL = gql`
  query Goal($id: ID!) { goal(id: $id) { id title progress } }
`;
const RENAME = gql`
  mutation Rename($i: UpdateGoalInput!) { updateGoal(input: $i) { id title } }
`;
const NODE = gql`
  query Node($id: ID!) { node(id: $id) { __typename id ... on Goal { title } } }
`;
const ME = gql`query Me { me { displayName } }`;
const STATS = gql`query Stats { me { id stats { goalsActive } } }`;
const MINE = gql`query Mine { myGoals(first: 5) { edges { node { id } } } }`;
const MESSAGES = gql`
  subscription Messages($c: ID!, $after: String) {
    messageAdded(conversationId: $c, after: $after) { id text cursor sender { displayName } }
  }
`;

// A subscription's events; `reached(n)` resolves once n of them arrived.
function collect(variables) {
  const events = [];
  const waiters = [];
  let failed = null;
  const settle = () => {
    for (const waiter of waiters.splice(0)) {
      if (failed) waiter.reject(failed);
      else if (events.length >= waiter.n) waiter.resolve(events.slice(0, waiter.n));
      else waiters.push(waiter);
    }
  };
  const subscription = client.subscribe({ query: MESSAGES, variables }).subscribe({
    next: (value) => {
      events.push(value.data.messageAdded);
      settle();
    },
    error: (error) => {
      failed = new Error(JSON.stringify(describe(error)));
      settle();
    },
  });
  const reached = (n) =>
    new Promise((resolve, reject) => {
      waiters.push({ n, resolve, reject });
      settle();
    });
  return { reached, stop: () => subscription.unsubscribe() };
}

main(async () => {
  // 1. Refresh races: three queries after expiry, each refreshing on its own.
  const parallel = await within(
    30,
    Promise.all([ME, STATS, MINE].map((query) => client.query({ query, fetchPolicy: 'network-only' }))),
    'three queries with an expired token',
  );
  const raceRefreshes = [...refreshes];
  const afterRace = await client.query({ query: ME, fetchPolicy: 'network-only' });

  // 2. Three subgraphs in one query (users, analytics, goals).
  const home = await client.query({ query: HOME, fetchPolicy: 'network-only' });

  // 3. Normalised cache: a mutation's answer updates a watched query, with no refetch.
  const seen = [];
  const watched = client.watchQuery({ query: GOAL, variables: { id: setup.ada.goalId } });
  const watching = watched.subscribe({ next: (r) => r.data && seen.push(r.data.goal.title) });
  await within(20, watched.refetch(), 'the watched goal');
  const before = requests.length;
  await client.mutate({ mutation: RENAME, variables: { i: { id: setup.ada.goalId, title: 'Run 42 km' } } });
  const renamedWith = requests.slice(before);
  watching.unsubscribe();

  // 4. node(id:): answered from the cache by the type policy, then refetched by id.
  const fromCacheBefore = requests.length;
  const cached = await client.query({ query: NODE, variables: { id: setup.ada.goalNodeId } });
  const cacheRequests = requests.length - fromCacheBefore;
  const refetched = await client.query({
    query: NODE,
    variables: { id: setup.ada.goalNodeId },
    fetchPolicy: 'network-only',
  });

  // 5. BatchHttpLink: the queries of one tick in one request, answered in order.
  const batching = new ApolloClient({
    link: ApolloLink.from([
      auth,
      new BatchHttpLink({ uri: httpUrl, batchMax: 10, batchInterval: 20, fetch: counting }),
    ]),
    cache: cache(),
  });
  const batchFrom = requests.length;
  const batched = await within(
    20,
    Promise.all([ME, GOAL, NODE].map((query) =>
      batching.query({ query, variables: { id: query === GOAL ? setup.ada.goalId : setup.ada.goalNodeId } }),
    )),
    'the batched queries',
  );
  const batchRequests = requests.slice(batchFrom);

  // 6. Resuming: live, drop the socket, five go by, resume from the last cursor.
  const first = collect({ c: setup.conversationId, after: setup.firstCursor });
  // The replayed message proves the subscription is live on the server.
  await within(20, first.reached(1), 'the replayed message');
  emit({ stage: 'live' });
  const [, whileConnected] = await within(20, first.reached(2), 'the live message');
  first.stop(); // the last subscription: graphql-ws (lazy) closes the socket
  emit({ stage: 'disconnected' });
  await within(30, nextLine(), 'the go-ahead');
  const resumed = collect({ c: setup.conversationId, after: whileConnected.cursor });
  const replayed = await within(20, resumed.reached(5), 'the five missed messages');
  emit({ stage: 'replayed' });
  const all = await within(20, resumed.reached(6), 'the live message after resuming');
  resumed.stop();
  await sockets.dispose();

  return {
    race: {
      answers: [
        parallel[0].data.me.displayName,
        parallel[1].data.me.stats.goalsActive,
        parallel[2].data.myGoals.edges.length,
      ],
      refreshes: raceRefreshes,
      after: afterRace.data.me.displayName,
      stillSignedIn: await refresh(session.refreshToken).then(() => true, (e) => String(e)),
    },
    home: home.data.me,
    cache: { seen, renamedWith },
    node: { cached: cached.data.node, cacheRequests, refetched: refetched.data.node },
    batch: {
      requests: batchRequests,
      answers: batched.map((r) => r.data.me?.displayName ?? r.data.goal?.title ?? r.data.node?.title),
    },
    resume: {
      whileConnected: whileConnected.text,
      replayed: replayed.map((m) => m.text),
      live: all[5].text,
      connections: connections.length,
    },
  };
});
