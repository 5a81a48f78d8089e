// Apollo Client 4 (core, no React) against the router:
// node apollo.mjs <http-url> <ws-url> <token>
import { createHash } from 'node:crypto';

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { describe, emit, main, nextLine, within } from './common.mjs';

const [httpUrl, wsUrl, token] = process.argv.slice(2);
const authorization = `Bearer ${token}`;

const sockets = createClient({
  url: wsUrl,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  connectionParams: { Authorization: authorization },
});
// Queries and mutations over HTTP with automatic persisted queries; subscriptions
// over graphql-ws: the split every Apollo web app uses.
const http = new PersistedQueryLink({
  sha256: (text) => createHash('sha256').update(text).digest('hex'),
}).concat(new HttpLink({ uri: httpUrl, headers: { Authorization: authorization } }));
const link = ApolloLink.split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  new GraphQLWsLink(sockets),
  http,
);
const client = new ApolloClient({ link, cache: new InMemoryCache() });

const PERSON = gql`
  query Person($id: ID!) {
    person(id: $id) { id displayName avatarUrl }
  }
`;
const SEND = gql`
  mutation Send($input: SendMessageInput!) {
    sendMessage(input: $input) { id text sender { id displayName } }
  }
`;
const MESSAGES = gql`
  subscription OnMessage($c: ID!) {
    messageAdded(conversationId: $c) { text sender { id displayName } }
  }
`;
const BROKEN = gql`
  query Broken {
    person(id: "bob") { id nope }
  }
`;

main(async () => {
  const person = await client.query({ query: PERSON, variables: { id: 'bob' } });
  // The same query again: Apollo's cache answers; a network-only one goes by hash.
  const again = await client.query({
    query: PERSON,
    variables: { id: 'carol' },
    fetchPolicy: 'network-only',
  });

  let received;
  const event = new Promise((resolve, reject) => {
    const subscription = client.subscribe({ query: MESSAGES, variables: { c: 'c1' } }).subscribe({
      next: (value) => {
        subscription.unsubscribe();
        resolve(value);
      },
      error: (error) => reject(new Error(JSON.stringify(describe(error)))),
    });
  });
  emit({ stage: 'subscribed' });
  await within(20, nextLine(), 'the go-ahead');
  const sent = await client.mutate({
    mutation: SEND,
    variables: { input: { conversationId: 'c1', text: 'from apollo' } },
  });
  received = await within(20, event, 'the subscription event');

  let invalid;
  try {
    await client.query({ query: BROKEN, fetchPolicy: 'network-only' });
    invalid = { error: null };
  } catch (error) {
    invalid = { error: describe(error) };
  }
  await sockets.dispose();
  client.stop();
  return {
    person: person.data,
    again: again.data,
    mutation: sent.data,
    subscription: received.data,
    invalid,
  };
});
