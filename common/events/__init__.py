from common.events.bus import EventBus, EventHandler, topic_matches
from common.events.envelope import Event

__all__ = ["Event", "EventBus", "EventHandler", "topic_matches"]
