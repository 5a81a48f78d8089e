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
      Conversation: {
        fields: {
          readReceipts: {
            merge: (existing: Reference[] | undefined, incoming: Reference[], { readField }) =>
              newestReceipts(existing, incoming, readField as ReadField),
          },
        },
      },
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

/**
 * Show what is cached at once and refresh it from the network; keep partial data on errors.
 * A refetch merges like any other answer (Apollo's default overwrites): the type policies
 * above decide what an answer may replace, and a refetched conversation computed just
 * before a member's live read receipt must not take that receipt back.
 */
export const defaultOptions: ApolloClient.DefaultOptions.Input = {
  watchQuery: {
    fetchPolicy: "cache-and-network",
    errorPolicy: "all",
    refetchWritePolicy: "merge",
  },
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

/** A member's read receipt arriving live joins the conversation's cached receipts. */
export function setReadReceipt(
  cache: ApolloCache,
  conversationId: string,
  receipt: { user: { id: string }; lastReadMessageId?: string | null; readAt?: string | null },
): void {
  cache.modify({
    id: cache.identify({ __typename: "Conversation", id: conversationId }),
    fields: {
      readReceipts(existing, { readField, toReference }) {
        const user = toReference({ __typename: "User", id: receipt.user.id });
        const arrived = { ...receipt, __typename: "ReadReceipt", user } as unknown as Reference;
        return newestReceipts(existing as readonly Reference[] | undefined, [arrived], readField);
      },
    },
  });
}

type ReadField = <T>(field: string, from: Reference) => T | undefined;

function receiptUser(receipt: Reference, readField: ReadField): string | undefined {
  const user = readField<Reference>("user", receipt);
  return user ? readField<string>("id", user) : undefined;
}

/**
 * Every member's newest receipt, of the cache's and the server's. A read position only
 * moves forward, but a conversation fetched just before a member read can answer after
 * that read arrived live, with an older receipt of theirs or (a first read) none at
 * all: neither may undo the newer one. A member who left keeps a receipt here; the
 * screens name only current members.
 */
function newestReceipts(
  existing: readonly Reference[] | undefined,
  incoming: readonly Reference[],
  readField: ReadField,
): Reference[] {
  const readAt = (r: Reference) => Date.parse(readField<string>("readAt", r) ?? "") || 0;
  const newest = new Map<string | undefined, Reference>();
  for (const receipt of [...(existing ?? []), ...incoming]) {
    const user = receiptUser(receipt, readField);
    const kept = newest.get(user);
    // Equal times: the later arrival wins (the server's word over the cache's).
    if (kept === undefined || readAt(receipt) >= readAt(kept)) newest.set(user, receipt);
  }
  return [...newest.values()];
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
