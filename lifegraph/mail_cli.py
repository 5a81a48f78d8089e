"""`lifegraph mail`: read the development mailbox (mail sent without SMTP in development)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from common.settings import SubgraphSettings
from lifegraph.mailbox import DevMail, DevMailboxReader

mail_app = typer.Typer(
    help="The development mailbox: mail sent without SMTP in development.",
    no_args_is_help=True,
)

DataDir = Annotated[
    Path | None,
    typer.Option(help="The data dir `lifegraph up` uses; defaults to LIFEGRAPH_DATA_DIR."),
]
Index = Annotated[int, typer.Argument(min=1, help="The mail's number in `lifegraph mail list`.")]


def _mailbox(data_dir: Path | None) -> DevMailboxReader:
    settings = SubgraphSettings()
    if not settings.local_environment:
        typer.echo(
            f"No development mailbox in the {settings.environment!s} environment: "
            "mail goes through SMTP there.",
            err=True,
        )
        raise typer.Exit(2)
    if settings.smtp_host:
        typer.echo(f"Note: SMTP is set ({settings.smtp_host}); new mail goes there.", err=True)
    return DevMailboxReader(data_dir or settings.data_dir)


@mail_app.command("list")
def list_mail(data_dir: DataDir = None) -> None:
    """Every mail, newest first: its number for `show`, time, recipient and subject."""
    mailbox = _mailbox(data_dir)
    mails = mailbox.list()
    if not mails:
        typer.echo(f"No mail in {mailbox.directory}.")
        return
    width = max(len(m.to) for m in mails)
    typer.echo(f"{'#':>3}  {'RECEIVED (UTC)':<19}  {'TO':<{width}}  SUBJECT")
    for number, mail in enumerate(mails, start=1):
        received = mail.received.strftime("%Y-%m-%d %H:%M:%S")
        typer.echo(f"{number:>3}  {received}  {mail.to:<{width}}  {mail.subject}")


@mail_app.command()
def show(index: Index, data_dir: DataDir = None) -> None:
    """One mail's headers and text; its links are plain URLs a terminal can open."""
    mails = _mailbox(data_dir).list()
    if index > len(mails):
        typer.echo(f"No mail number {index}: there are {len(mails)}.", err=True)
        raise typer.Exit(1)
    typer.echo(render(mails[index - 1]))


@mail_app.command()
def clear(data_dir: DataDir = None) -> None:
    """Delete every mail in the development mailbox."""
    removed = _mailbox(data_dir).clear()
    typer.echo(f"Deleted {removed} mail{'' if removed == 1 else 's'}.")


def render(mail: DevMail) -> str:
    headers = (
        f"Date:    {mail.received:%Y-%m-%d %H:%M:%S} UTC\n"
        f"From:    {mail.sender}\n"
        f"To:      {mail.to}\n"
        f"Subject: {mail.subject}\n"
    )
    return f"{headers}\n{mail.text.rstrip()}\n"
