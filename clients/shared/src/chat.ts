/** Cache updates for conversations the viewer starts, shared by every app. */
import type { ApolloCache, Reference } from "@apollo/client";

/**
 * A conversation started (or reopened) here heads the viewer's cached list, once, so a
 * screen opened on it finds it without asking the server again.
 */
export function addConversation(
  cache: ApolloCache,
  viewerId: string,
  conversation: { id: string },
): void {
  cache.modify({
    id: cache.identify({ __typename: "User", id: viewerId }),
    fields: {
      conversations(existing, { toReference, readField }) {
        const list = existing as { nodes?: Reference[] } | undefined;
        const nodes = list?.nodes ?? [];
        if (nodes.some((ref) => readField("id", ref) === conversation.id)) return existing;
        const ref = toReference({ __typename: "Conversation", id: conversation.id });
        return { ...list, nodes: ref ? [ref, ...nodes] : nodes };
      },
    },
  });
}
