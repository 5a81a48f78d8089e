/**
 * One Apollo Client over LifeGraph's router: HTTP for queries and mutations, graphql-ws
 * for subscriptions, the session's access token on both, and a silent refresh-and-retry
 * when the router answers UNAUTHENTICATED. Uses only `fetch` and `WebSocket`, which
 * browsers and React Native both provide.
 */
import { ApolloClient, ApolloLink, HttpLink } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { print } from "graphql";
import { createClient, type Client as SocketClient } from "graphql-ws";
import { from, mergeMap } from "rxjs";

import { createCache, defaultOptions } from "./cache";
import { errorCodes, isTokenRefusal } from "./errors";
import { RefreshTokenDocument } from "./operations";
import { type AuthResult, type Refresher, type Session, SessionEnded } from "./session";

/** The router's close codes over a socket's token: refused (4403) and expired (4419). */
const TOKEN_CLOSES = new Set([4403, 4419]);

/** A close event's code; undefined for anything else (graphql-ws retries only closes). */
function closeCode(event: unknown): number | undefined {
  const code = typeof event === "object" && event !== null ? (event as { code?: unknown }).code : null;
  return typeof code === "number" ? code : undefined;
}

export interface Endpoints {
  /** The router's GraphQL URL, e.g. http://127.0.0.1:4000/graphql. */
  httpUrl: string;
  /** The same URL over ws:// or wss://. */
  wsUrl: string;
}

/** Renews tokens with a plain POST, outside Apollo, so a refresh never waits on itself. */
export function graphQLRefresher(httpUrl: string): Refresher {
  const query = print(RefreshTokenDocument);
  return async (refreshToken: string): Promise<AuthResult> => {
    const response = await fetch(httpUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: { input: { refreshToken } } }),
    });
    const body = (await response.json()) as {
      data?: { refreshToken: AuthResult } | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    if (body.data?.refreshToken) return body.data.refreshToken;
    const codes = errorCodes(body.errors);
    if (codes.includes("UNAUTHENTICATED") || codes.includes("BAD_USER_INPUT")) {
      throw new SessionEnded(body.errors?.[0]?.message ?? "session ended");
    }
    throw new Error(body.errors?.[0]?.message ?? `refresh failed (${response.status})`);
  };
}

export interface LifeGraphClient {
  apollo: ApolloClient;
  socket: SocketClient;
}

export function createLifeGraphClient(endpoints: Endpoints, session: Session): LifeGraphClient {
  const withToken = new SetContextLink(async ({ headers }) => {
    const token = await session.accessToken();
    return {
      sentToken: token,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    };
  });

  // An access token can be refused before its expiry (clock skew, revoked keys): renew
  // once and send the operation again; the context flag stops a second round.
  const refreshOnUnauthenticated = new ErrorLink(({ error, operation, forward }) => {
    const context = operation.getContext();
    if (!isTokenRefusal(error) || session.current === null || context.retried) return;
    return from(session.renewAfterRefusal(context.sentToken ?? null)).pipe(
      mergeMap((tokens) => {
        if (tokens === null) throw new SessionEnded("signed out");
        operation.setContext({ retried: true });
        return forward(operation);
      }),
    );
  });

  // The router closes a socket over its token: 4403 when it refuses it, 4419 when it
  // expired (at `connection_init`, or at its `exp` while subscribed). graphql-ws retries
  // both; the next connection first renews the token the router closed over, through the
  // session's one refresh in flight (an HTTP operation that met the same token shares it).
  // Once: a renewed token closed over again before any connection was acknowledged ends
  // the retries, rather than rotating the refresh token in a loop.
  let socketToken: string | null = null;
  let refusedToken: string | null | undefined;
  let renewedSinceAck = false;
  let giveUp = false;
  const socket = createClient({
    url: endpoints.wsUrl,
    lazy: true,
    connectionParams: async () => {
      if (refusedToken === undefined) {
        socketToken = await session.accessToken();
      } else {
        const refused = refusedToken;
        refusedToken = undefined;
        renewedSinceAck = true;
        socketToken = (await session.renewAfterRefusal(refused))?.accessToken ?? null;
      }
      return socketToken ? { Authorization: `Bearer ${socketToken}` } : {};
    },
    shouldRetry: (event) => closeCode(event) !== undefined && !giveUp,
    on: {
      connected: () => {
        renewedSinceAck = false;
      },
      closed: (event) => {
        giveUp = false;
        const code = closeCode(event);
        if (code === undefined || !TOKEN_CLOSES.has(code) || session.current === null) return;
        if (renewedSinceAck) {
          // A later subscription may try again, with a renewal of its own.
          giveUp = true;
          renewedSinceAck = false;
        } else {
          refusedToken = socketToken;
        }
      },
    },
  });

  const transport = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    new GraphQLWsLink(socket),
    new HttpLink({ uri: endpoints.httpUrl }),
  );

  const apollo = new ApolloClient({
    link: ApolloLink.from([refreshOnUnauthenticated, withToken, transport]),
    cache: createCache(),
    defaultOptions,
    // The screens refetch when a subscription says something changed; sharing a request
    // already in flight would answer with data from before that change.
    queryDeduplication: false,
  });
  return { apollo, socket };
}
