// urql's core client against the router: node urql.mjs <http-url> <token>
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';

import { describe, main } from './common.mjs';

const [url, token] = process.argv.slice(2);

function client(headers) {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    // urql's default: queries as GET when they fit in a URL, so GET is what runs here.
    preferGetMethod: 'within-url-limit',
    fetchOptions: () => ({ headers }),
  });
}

const PERSON = gql`
  query Person($id: ID!) {
    person(id: $id) { id displayName }
  }
`;

main(async () => {
  const authenticated = client({ Authorization: `Bearer ${token}` });
  const person = await authenticated.query(PERSON, { id: 'dave' }).toPromise();
  const posted = await authenticated
    .query(PERSON, { id: 'alice' }, { preferGetMethod: false, requestPolicy: 'network-only' })
    .toPromise();
  const invalid = await authenticated.query(gql`{ person(id: "bob") { nope } }`, {}).toPromise();
  const anonymous = await client({})
    .mutation(
      gql`mutation { sendMessage(input: { conversationId: "c1", text: "hi" }) { id } }`,
      {},
    )
    .toPromise();
  const badToken = await client({ Authorization: 'Bearer not-a-token' })
    .query(PERSON, { id: 'dave' })
    .toPromise();
  const outcome = (result) => ({
    data: result.data ?? null,
    error: result.error ? describe(result.error) : null,
  });
  return {
    person: outcome(person),
    posted: outcome(posted),
    invalid: outcome(invalid),
    anonymous: outcome(anonymous),
    badToken: outcome(badToken),
  };
});
