"""`lifegraph events`: operate the event backbone (dead-letter queues) over AMQP."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer

from common.events.dlq import DeadLetterMessage, DeadLetters, Select, everything
from common.settings import SubgraphSettings

T = TypeVar("T")

events_app = typer.Typer(help="Inspect and operate the event backbone.", no_args_is_help=True)
dlq_app = typer.Typer(
    help="Dead-letter queues: events a consumer gave up on, with the reason.",
    no_args_is_help=True,
)
events_app.add_typer(dlq_app, name="dlq")

AmqpUrl = Annotated[
    str | None,
    typer.Option("--amqp-url", help="RabbitMQ URL; defaults to AMQP_URL from settings."),
]
Exchange = Annotated[
    str | None,
    typer.Option("--exchange", help="Events exchange; defaults to the configured one."),
]
Consumer = Annotated[str, typer.Argument(help="Consumer name, e.g. analytics.progress.")]
EventId = Annotated[
    str | None, typer.Option("--id", help="Only the event with this id (default: all).")
]


def _run(
    amqp_url: str | None, exchange: str | None, work: Callable[[DeadLetters], Awaitable[T]]
) -> T:
    settings = SubgraphSettings()
    url = amqp_url or settings.amqp_url
    if not url:
        typer.echo(
            "No broker configured: set AMQP_URL (the in-process bus keeps no queues).", err=True
        )
        raise typer.Exit(2)

    async def main() -> T:
        async with DeadLetters(url, exchange or settings.events_exchange) as dlq:
            return await work(dlq)

    return asyncio.run(main())


def _matching(event_id: str | None) -> Select:
    if event_id is None:
        return everything
    return lambda letter: letter.event_id == event_id


@dlq_app.command("list")
def list_queues(amqp_url: AmqpUrl = None, exchange: Exchange = None) -> None:
    """Every consumer's dead-letter queue and how many events wait in it."""
    queues = _run(amqp_url, exchange, lambda dlq: dlq.queues())
    if not queues:
        typer.echo("No consumers registered on this exchange.")
        return
    width = max(len(q.consumer) for q in queues)
    typer.echo(f"{'CONSUMER':<{width}}  MESSAGES  QUEUE")
    for q in queues:
        typer.echo(f"{q.consumer:<{width}}  {q.messages:>8}  {q.queue}")


@dlq_app.command()
def show(
    consumer: Consumer,
    event_id: EventId = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Full messages as JSON lines.")] = False,
    amqp_url: AmqpUrl = None,
    exchange: Exchange = None,
) -> None:
    """Dead-lettered events of a consumer, oldest first; they stay in the queue."""
    letters = _run(
        amqp_url, exchange, lambda dlq: dlq.peek(consumer, limit=limit, select=_matching(event_id))
    )
    for letter in letters:
        typer.echo(_as_json(letter) if as_json else _as_line(letter))
    if not letters:
        typer.echo("No dead letters.", err=True)


@dlq_app.command()
def replay(
    consumer: Consumer,
    event_id: EventId = None,
    amqp_url: AmqpUrl = None,
    exchange: Exchange = None,
) -> None:
    """Send dead-lettered events back to the consumer's queue with a fresh retry budget."""
    count = _run(amqp_url, exchange, lambda dlq: dlq.replay(consumer, select=_matching(event_id)))
    typer.echo(f"Replayed {count} event(s) to {consumer}.")


@dlq_app.command()
def purge(
    consumer: Consumer,
    event_id: EventId = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    amqp_url: AmqpUrl = None,
    exchange: Exchange = None,
) -> None:
    """Drop dead-lettered events for good."""
    what = f"event {event_id}" if event_id else "every dead letter"
    if not yes:
        typer.confirm(f"Drop {what} of {consumer}?", abort=True)
    count = _run(amqp_url, exchange, lambda dlq: dlq.purge(consumer, select=_matching(event_id)))
    typer.echo(f"Purged {count} event(s) from {consumer}.")


def _as_line(letter: DeadLetterMessage) -> str:
    return (
        f"{letter.event_id}  {letter.type}  attempts={letter.attempts}  "
        f"dead_at={letter.dead_at}  reason={letter.reason}"
    )


def _as_json(letter: DeadLetterMessage) -> str:
    return json.dumps(
        {
            "id": letter.event_id,
            "type": letter.type,
            "reason": letter.reason,
            "attempts": letter.attempts,
            "dead_at": letter.dead_at,
            "headers": letter.headers,
            "body": letter.body,
        }
    )
