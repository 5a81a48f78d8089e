from common.events.bus import EventBus, EventHandler, EventPublisher, topic_matches
from common.events.envelope import Event

__all__ = ["Event", "EventBus", "EventHandler", "EventPublisher", "topic_matches"]
