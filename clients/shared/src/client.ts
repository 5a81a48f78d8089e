/**
 * One Apollo Client over LifeGraph's router: HTTP for queries and mutations, graphql-ws
 * for subscriptions, the session's access token on both, and a silent refresh-and-retry
 * when the router answers UNAUTHENTICATED. Uses only `fetch` and `WebSocket`, which
 * browsers and React Native both provide.
 */
import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  type NormalizedCacheObject,
  Observable,
  split,
} from "@apollo/client";
import { setContext } from "@apollo/client/link/context";
import { onError } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { print } from "graphql";
import { createClient, type Client as SocketClient } from "graphql-ws";

import { createCache, defaultOptions } from "./cache";
import { errorCodes } from "./errors";
import { RefreshTokenDocument } from "./operations";
import { type AuthResult, type Refresher, type Session, SessionEnded } from "./session";

const FORBIDDEN = 4403;

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
  apollo: ApolloClient<NormalizedCacheObject>;
  socket: SocketClient;
}

export function createLifeGraphClient(endpoints: Endpoints, session: Session): LifeGraphClient {
  const withToken = setContext(async (_, { headers }) => {
    const token = await session.accessToken();
    return {
      sentToken: token,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    };
  });

  // An access token can be refused before its expiry (clock skew, revoked keys): renew
  // once and send the operation again; the context flag stops a second round.
  const refreshOnUnauthenticated = onError(({ graphQLErrors, operation, forward }) => {
    const refused = errorCodes(graphQLErrors).includes("UNAUTHENTICATED");
    const context = operation.getContext();
    if (!refused || session.current === null || context.retried) return;
    return new Observable((observer) => {
      session
        .renewAfterRefusal(context.sentToken ?? null)
        .then((tokens) => {
          if (tokens === null) throw new SessionEnded("signed out");
          operation.setContext({ retried: true });
          forward(operation).subscribe(observer);
        })
        .catch((error: unknown) => observer.error(error));
    });
  });

  // The router closes a socket with 4403 when its token is refused or expires; graphql-ws
  // then reconnects (with backoff), and by then the session has a renewed token.
  let socketToken: string | null = null;
  const socket = createClient({
    url: endpoints.wsUrl,
    lazy: true,
    connectionParams: async () => {
      socketToken = await session.accessToken();
      return socketToken ? { Authorization: `Bearer ${socketToken}` } : {};
    },
    on: {
      closed: (event) => {
        if ((event as { code?: number }).code === FORBIDDEN && session.current !== null) {
          session.renewAfterRefusal(socketToken).catch(() => null);
        }
      },
    },
  });

  const transport = split(
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
  });
  return { apollo, socket };
}
