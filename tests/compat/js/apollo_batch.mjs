// Apollo Client's BatchHttpLink against the router: node apollo_batch.mjs <http-url> <token>
// The queries of one tick travel as one JSON array and come back in order.
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';

import { describe, emit, main, within } from './common.mjs';

const [httpUrl, token] = process.argv.slice(2);

const bodies = [];
const counting = (uri, options) => {
  bodies.push(JSON.parse(options.body));
  return fetch(uri, options);
};
const client = new ApolloClient({
  link: new BatchHttpLink({
    uri: httpUrl,
    headers: { Authorization: `Bearer ${token}` },
    batchMax: 5,
    batchInterval: 20,
    fetch: counting,
  }),
  cache: new InMemoryCache(),
});

const PERSON = gql`
  query Person($id: ID!) {
    person(id: $id) { id displayName }
  }
`;

main(async () => {
  const ids = ['bob', 'carol', 'dave'];
  const results = await within(
    20,
    Promise.all(ids.map((id) => client.query({ query: PERSON, variables: { id } }))),
    'the batched queries',
  );
  const broken = await within(
    20,
    Promise.all([
      client.query({ query: PERSON, variables: { id: 'alice' } }),
      client.query({ query: gql`query Broken { nope }` }).catch((error) => ({ error: describe(error) })),
    ]),
    'a batch with an invalid operation',
  );
  return {
    names: results.map((r) => r.data.person.displayName),
    requests: bodies.map((body) => (Array.isArray(body) ? body.length : 'single')),
    alice: broken[0].data.person.displayName,
    broken: broken[1],
  };
});
