"""All of the chat subgraph's database access. Writes take `session=` to join a transaction."""

from __future__ import annotations

from subgraphs.chat.repository.coach import CoachMemoryRepository, CoachReplyJobRepository
from subgraphs.chat.repository.context import CoachContextRepository
from subgraphs.chat.repository.conversations import ConversationRepository
from subgraphs.chat.repository.media import CompletedMediaRepository
from subgraphs.chat.repository.messages import MessageRepository
from subgraphs.chat.repository.profiles import ProfileRepository
from subgraphs.chat.repository.reads import ReadStateRepository

__all__ = [
    "CoachContextRepository",
    "CoachMemoryRepository",
    "CoachReplyJobRepository",
    "CompletedMediaRepository",
    "ConversationRepository",
    "MessageRepository",
    "ProfileRepository",
    "ReadStateRepository",
]
