// The refresh-and-reconnect pattern of docs/clients.md, with graphql-ws's own client:
//   node graphql_ws_refresh.mjs <ws-url> <expired-token> <fresh-token>
// `connectionParams` is a function, so every (re)connection reads the current token;
// a 4419 close ("Token expired") makes the next attempt refresh it first.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { describe, emit, main, within } from './common.mjs';

const [url, expiredToken, freshToken] = process.argv.slice(2);
const TOKEN_EXPIRED = 4419;

// What the app keeps; `refresh` stands for the `refresh` mutation of docs/auth.md.
let accessToken = expiredToken;
let mustRefresh = false;
const sent = [];
async function refresh() {
  accessToken = freshToken;
}

function connect(connectionParams) {
  const closes = [];
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    // graphql-ws retries a 4419 by default; short waits keep the test quick.
    retryAttempts: 3,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 50)),
    on: {
      closed: (event) => {
        closes.push(event.code);
        if (event.code === TOKEN_EXPIRED) mustRefresh = true;
      },
    },
  });
  return { client, closes };
}

function collect(client, payload) {
  return new Promise((resolve) => {
    const events = [];
    client.subscribe(payload, {
      next: (value) => events.push(value),
      error: (error) => resolve({ events, error: describe(error) }),
      complete: () => resolve({ events, completed: true }),
    });
  });
}

const COUNTDOWN = { query: 'subscription { countdown(start: 2) }' };

main(async () => {
  const refreshing = connect(async () => {
    if (mustRefresh) {
      await refresh();
      mustRefresh = false;
    }
    sent.push(accessToken === freshToken ? 'fresh' : 'expired');
    return { Authorization: `Bearer ${accessToken}` };
  });
  const refreshed = await within(20, collect(refreshing.client, COUNTDOWN), 'the refresh');
  await refreshing.client.dispose();

  // A static token: refused at every attempt before an ack, so the retries run out.
  const stuck = connect({ Authorization: `Bearer ${expiredToken}` });
  const gaveUp = await within(20, collect(stuck.client, COUNTDOWN), 'the static token');
  await stuck.client.dispose();
  return {
    refreshed,
    sent,
    refreshingCloses: refreshing.closes,
    gaveUp,
    staticCloses: stuck.closes,
  };
});
