import { useFragment, useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { type FormEvent, useEffect, useRef, useState } from "react";

import {
  type CoachProposalFieldsFragment,
  ConfirmCoachProposalDocument,
  ConversationFields,
  type ConversationFieldsFragment,
  ConversationUpdatedDocument,
  ConversationsDocument,
  DeclineCoachProposalDocument,
  MarkConversationReadDocument,
  MessageAddedDocument,
  MessageUpdatedDocument,
  MessagesDocument,
  OpenCoachConversationDocument,
  ReadReceiptUpdatedDocument,
  SendMessageDocument,
  SetTypingDocument,
  TypingDocument,
  addMessage,
  describeError,
  setReadReceipt,
} from "@lifegraph/shared";

import { useRouteParam } from "../route";

/** Say "typing" at most this often while keys are pressed. */
const TYPING_EVERY_MS = 2_000;
/** Hide someone's "typing…" when no word of it came for this long. */
const TYPING_SHOWN_MS = 6_000;

function conversationName(conversation: ConversationFieldsFragment, viewerId: string): string {
  if (conversation.title) return conversation.title;
  if (conversation.kind === "COACH") return "Coach";
  const others = conversation.members.filter((m) => m.id !== viewerId);
  return others.map((m) => m.displayName).join(", ") || "Just you";
}

export function ChatSection({ viewerId }: { viewerId: string }) {
  const conversations = useQuery(ConversationsDocument);
  // New conversations and unread counts: the list is short, so ask again.
  useSubscription(ConversationUpdatedDocument, { onData: () => void conversations.refetch() });
  // Opened on one conversation by the route (`#/chat?conversation=…`), as "Message" does.
  const requested = useRouteParam("conversation");
  const [openId, setOpenId] = useState<string | null>(requested);
  const [lastRequested, setLastRequested] = useState(requested);
  if (requested !== lastRequested) {
    setLastRequested(requested);
    if (requested) setOpenId(requested);
  }
  const list = conversations.data?.me.conversations.nodes ?? [];
  // One beyond the first page of the list stays open from the cache.
  const cached = useFragment({
    fragment: ConversationFields,
    fragmentName: "ConversationFields",
    from: openId ? { __typename: "Conversation", id: openId } : null,
  });
  const open =
    list.find((c) => c.id === openId) ?? (openId !== null && cached.complete ? cached.data : null);
  const [openCoach, coach] = useMutation(OpenCoachConversationDocument);

  async function talkToCoach() {
    const opened = await openCoach().catch(() => null);
    if (!opened?.data) return;
    await conversations.refetch();
    setOpenId(opened.data.openCoachConversation.id);
  }

  return (
    <section className="card chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">Chat</h2>
      {conversations.loading && !conversations.data && (
        <p role="status" className="status">
          Loading conversations…
        </p>
      )}
      {conversations.error && !conversations.data && (
        <p role="alert" className="error">
          {describeError(conversations.error)}
        </p>
      )}
      {conversations.data && list.length === 0 && (
        <p className="empty">No conversations yet.</p>
      )}
      {conversations.data && !list.some((c) => c.kind === "COACH") && (
        <button type="button" disabled={coach.loading} onClick={() => void talkToCoach()}>
          Talk to your coach
        </button>
      )}
      {coach.error && (
        <p role="alert" className="error">
          {describeError(coach.error)}
        </p>
      )}
      {list.length > 0 && (
        <ul className="conversations" aria-label="Conversations">
          {list.map((c) => (
            <li key={c.id}>
              <button type="button" aria-pressed={c.id === openId} onClick={() => setOpenId(c.id)}>
                {conversationName(c, viewerId)}
                {c.unreadCount > 0 && c.id !== openId && (
                  <span className="count" aria-label={`${c.unreadCount} unread`}>
                    {c.unreadCount}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <ConversationView
          key={open.id}
          conversation={open}
          name={conversationName(open, viewerId)}
          viewerId={viewerId}
        />
      )}
    </section>
  );
}

function ConversationView({
  conversation,
  name,
  viewerId,
}: {
  conversation: ConversationFieldsFragment;
  name: string;
  viewerId: string;
}) {
  const conversationId = conversation.id;
  const messages = useQuery(MessagesDocument, { variables: { conversationId } });
  const [typist, setTypist] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const [text, setText] = useState("");
  const [markRead] = useMutation(MarkConversationReadDocument);
  const [setTyping] = useMutation(SetTypingDocument);
  const [send, sending] = useMutation(SendMessageDocument, {
    update(cache, { data }) {
      if (data) addMessage(cache, data.sendMessage);
    },
  });

  useSubscription(MessageAddedDocument, {
    variables: { conversationId },
    onData: ({ client, data }) => {
      const message = data.data?.messageAdded;
      if (!message) return;
      addMessage(client.cache, message);
      if (message.sender?.id !== viewerId) setTypist(null);
      // The coach's word that it set up a goal: show it on the goals board.
      if (conversation.kind === "COACH" && message.sender === null) {
        void client.refetchQueries({ include: ["Home"] });
      }
    },
  });
  // Edits, deletions and the coach's streamed replies: the cache updates the message by id.
  useSubscription(MessageUpdatedDocument, { variables: { conversationId } });
  useSubscription(TypingDocument, {
    variables: { conversationId },
    onData: ({ data }) => {
      const typing = data.data?.typing;
      if (!typing || typing.user.id === viewerId) return;
      setTypist(typing.isTyping ? typing.user.displayName : null);
    },
  });
  // Others reading: "Seen by" follows without refetching the conversation.
  useSubscription(ReadReceiptUpdatedDocument, {
    variables: { conversationId },
    onData: ({ client, data }) => {
      const receipt = data.data?.readReceiptUpdated;
      if (receipt) setReadReceipt(client.cache, conversationId, receipt);
    },
  });
  useEffect(() => {
    if (typist === null) return;
    const hide = setTimeout(() => setTypist(null), TYPING_SHOWN_MS);
    return () => clearTimeout(hide);
  }, [typist]);

  const newest = messages.data?.messages.nodes[0]?.id;
  useEffect(() => {
    if (newest) void markRead({ variables: { input: { conversationId, messageId: newest } } }).catch(() => null);
  }, [newest, conversationId, markRead]);

  function typed(value: string) {
    setText(value);
    const now = Date.now();
    if (value && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      void setTyping({ variables: { input: { conversationId, isTyping: true } } }).catch(() => null);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const sent = await send({
      variables: { input: { conversationId, text, clientMessageId: crypto.randomUUID() } },
    }).catch(() => null);
    if (sent?.data) {
      setText("");
      lastTyping.current = 0;
    }
  }

  const shown = [...(messages.data?.messages.nodes ?? [])].reverse();
  const seen = seenBy(conversation, shown, viewerId);
  return (
    <div className="conversation" role="region" aria-label={`Conversation with ${name}`}>
      {messages.loading && !messages.data && <p role="status">Loading messages…</p>}
      {messages.error && (
        <p role="alert" className="error">
          {describeError(messages.error)}
        </p>
      )}
      <ol className="messages" role="log" aria-label="Messages">
        {shown.map((m) => (
          <li key={m.id} className={m.sender?.id === viewerId ? "mine" : "theirs"}>
            <strong>{m.sender?.id === viewerId ? "You" : (m.sender?.displayName ?? "Coach")}</strong>
            <span>{m.text}</span>
            {m.proposal && <Proposal proposal={m.proposal} />}
          </li>
        ))}
      </ol>
      {seen.length > 0 && (
        <p className="muted seen" aria-live="polite">
          Seen by {seen.join(", ")}
        </p>
      )}
      <p className="typing" aria-live="polite">
        {typist ? `${typist} is typing…` : ""}
      </p>
      <form className="inline-form" onSubmit={submit}>
        <label>
          Message
          <input value={text} onChange={(e) => typed(e.target.value)} required autoComplete="off" />
        </label>
        {sending.error && (
          <p role="alert" className="error">
            {describeError(sending.error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={sending.loading}>
          Send
        </button>
      </form>
    </div>
  );
}

/** What the coach offers to do: nothing happens until the user confirms it. */
function Proposal({ proposal }: { proposal: CoachProposalFieldsFragment }) {
  // The answer comes back as the proposal, which the cache updates by id.
  const [confirm, confirming] = useMutation(ConfirmCoachProposalDocument);
  const [decline, declining] = useMutation(DeclineCoachProposalDocument);
  const variables = { input: { proposalId: proposal.id } };
  const what = proposal.kind === "GOAL" ? `goal "${proposal.title}"` : `check-in of ${proposal.habit}`;
  const error = confirming.error ?? declining.error;
  if (proposal.status !== "PENDING") {
    return <em className="proposal-status">{STATUS_SHOWN[proposal.status]}</em>;
  }
  const busy = confirming.loading || declining.loading;
  return (
    <div className="proposal" role="group" aria-label={`Coach proposal: ${what}`}>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => void confirm({ variables }).catch(() => null)}
      >
        Confirm
      </button>
      <button type="button" disabled={busy} onClick={() => void decline({ variables }).catch(() => null)}>
        Decline
      </button>
      {error && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </div>
  );
}

const STATUS_SHOWN: Record<CoachProposalFieldsFragment["status"], string> = {
  PENDING: "Waiting for your answer",
  CONFIRMED: "Confirmed",
  DECLINED: "Declined",
  EXPIRED: "Expired",
};

/** Who else has read up to the viewer's latest message (read receipts). */
function seenBy(
  conversation: ConversationFieldsFragment,
  shown: { id: string; sender?: { id: string } | null }[],
  viewerId: string,
): string[] {
  const position = new Map(shown.map((m, i) => [m.id, i]));
  let mine = -1;
  shown.forEach((m, i) => {
    if (m.sender?.id === viewerId) mine = i;
  });
  if (mine < 0) return [];
  // Current members only: the cache keeps the receipt of someone who left.
  const members = new Map(conversation.members.map((m) => [m.id, m.displayName]));
  return conversation.readReceipts
    .filter((r) => r.user.id !== viewerId && members.has(r.user.id) && r.lastReadMessageId)
    .filter((r) => (position.get(r.lastReadMessageId ?? "") ?? -1) >= mine)
    .map((r) => members.get(r.user.id) ?? "someone");
}
