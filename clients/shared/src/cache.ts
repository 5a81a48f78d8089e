/**
 * The normalized cache's policies and the updates mutations make to lists, shared by
 * every app so each shows the same data the same way after the same mutation.
 */
import { type ApolloCache, type ApolloClient, InMemoryCache, type Reference } from "@apollo/client";

interface NodeList {
  nodes?: Reference[];
}

const pagedFeed = {
  keyArgs: false as const,
  merge(
    existing: NodeList | undefined,
    incoming: NodeList,
    { args }: { args: Record<string, unknown> | null },
  ): NodeList {
    if (!args?.after || existing === undefined) return incoming;
    return { ...incoming, nodes: [...(existing.nodes ?? []), ...(incoming.nodes ?? [])] };
  },
};

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // A goal's tasks come back whole from every task mutation: replace, never merge.
      Goal: { fields: { tasks: { merge: false } } },
      // One post's comments: replaced by each fetch, a new one appended by `addComment`.
      Post: { fields: { comments: { keyArgs: false, merge: false } } },
      // The viewer's one set of preferences (no id): what a mutation answers replaces it.
      NotificationPreferences: { keyFields: [] },
      User: {
        fields: {
          goals: { keyArgs: ["status", "area"], merge: false },
          habits: { keyArgs: false, merge: false },
        },
      },
      Query: {
        fields: {
          // One conversation's latest messages, newest first; live ones are added by `addMessage`.
          messages: { keyArgs: ["conversationId"], merge: false },
          // Pages of a feed append; a first page (no `after`) starts over.
          followingFeed: pagedFeed,
          trendingFeed: pagedFeed,
        },
      },
    },
  });
}

// Apollo Client 4 types each hook's result by the default error policy: declared here,
// beside the defaults themselves, so `data` and `error` may come together in the types too.
declare module "@apollo/client" {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: "all";
      }
      interface Query {
        errorPolicy: "all";
      }
    }
  }
}

/** Show what is cached at once and refresh it from the network; keep partial data on errors. */
export const defaultOptions: ApolloClient.DefaultOptions.Input = {
  watchQuery: { fetchPolicy: "cache-and-network", errorPolicy: "all" },
  query: { fetchPolicy: "network-only", errorPolicy: "all" },
};

const LIST_TYPES = { goals: "Goal", habits: "Habit" } as const;

/** Adds a just-created node to one of the viewer's lists (`goals`, `habits`). */
export function appendToViewerList(
  cache: ApolloCache,
  viewerId: string,
  field: keyof typeof LIST_TYPES,
  node: { id: string },
): void {
  cache.modify({
    id: cache.identify({ __typename: "User", id: viewerId }),
    fields: {
      [field](existing, { toReference, readField }) {
        const list = existing as NodeList | undefined;
        const nodes = list?.nodes ?? [];
        if (nodes.some((ref) => readField("id", ref) === node.id)) return existing;
        const ref = toReference({ __typename: LIST_TYPES[field], id: node.id });
        return { ...list, nodes: ref ? [...nodes, ref] : nodes };
      },
    },
  });
}

/** Puts a message (sent here or arriving live) at the head of its conversation's list, once. */
export function addMessage(
  cache: ApolloCache,
  message: { id: string; conversationId: string },
): void {
  cache.modify({
    fields: {
      messages(existing, { storeFieldName, toReference, readField }) {
        if (!storeFieldName.includes(JSON.stringify(message.conversationId))) return existing;
        const list = existing as NodeList | undefined;
        const nodes = list?.nodes ?? [];
        if (nodes.some((ref) => readField("id", ref) === message.id)) return existing;
        const ref = toReference({ __typename: "Message", id: message.id });
        return { ...list, nodes: ref ? [ref, ...nodes] : nodes };
      },
    },
  });
}

/** Appends a comment written here to its post's cached comments, once. */
export function addComment(
  cache: ApolloCache,
  postId: string,
  comment: { id: string },
): void {
  cache.modify({
    id: cache.identify({ __typename: "Post", id: postId }),
    fields: {
      comments(existing, { toReference, readField }) {
        const list = existing as NodeList | undefined;
        const nodes = list?.nodes ?? [];
        if (nodes.some((ref) => readField("id", ref) === comment.id)) return existing;
        const ref = toReference({ __typename: "Comment", id: comment.id });
        return { ...list, nodes: ref ? [...nodes, ref] : nodes };
      },
    },
  });
}
