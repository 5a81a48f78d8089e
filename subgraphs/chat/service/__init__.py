"""The chat domain, free of GraphQL: conversations, messages, read state, senders' cards, live
streams, erasure."""

from __future__ import annotations

from subgraphs.chat.service.appending import Appended, Appender
from subgraphs.chat.service.conversations import ConversationService
from subgraphs.chat.service.erasure import Erasure
from subgraphs.chat.service.messages import MessageService
from subgraphs.chat.service.profiles import ProfileService
from subgraphs.chat.service.reads import ReadService
from subgraphs.chat.service.streams import StreamService

__all__ = [
    "Appended",
    "Appender",
    "ConversationService",
    "Erasure",
    "MessageService",
    "ProfileService",
    "ReadService",
    "StreamService",
]
