from common.pubsub.base import PubSub, SubscriberOverflow, Subscription

__all__ = ["PubSub", "SubscriberOverflow", "Subscription"]
