"""`lifegraph mail` reads the mailbox `DevMailbox` writes in development."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from common.mail import DevMailbox, mail_sender_from
from common.settings import Settings
from lifegraph.cli import app

LINK = "http://127.0.0.1:4000/reset-password?token=tok-3a9f"
DEVELOPMENT = {"LIFEGRAPH_ENVIRONMENT": "development", "LIFEGRAPH_SMTP_HOST": ""}


async def _send(data_dir: Path, *, to: str, subject: str, text: str) -> None:
    mailbox = mail_sender_from(Settings(environment="development", data_dir=data_dir))
    assert isinstance(mailbox, DevMailbox)
    await mailbox.send(to=to, subject=subject, text=text)


def _mail(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(app, ["mail", *args], env=env or DEVELOPMENT)
    assert result.exit_code == 0, result.output
    return result.output


async def test_list_shows_newest_first_and_show_prints_the_link_as_a_plain_url(
    tmp_path: Path,
) -> None:
    await _send(tmp_path, to="ada@example.org", subject="Welcome", text="Hello.")
    await _send(tmp_path, to="bob@example.org", subject="Reset", text=f"Reset: {LINK}\n")

    listed = _mail("list", "--data-dir", str(tmp_path)).splitlines()
    assert listed[0].split() == ["#", "RECEIVED", "(UTC)", "TO", "SUBJECT"]
    assert listed[1].split()[0] == "1"
    assert listed[1].split()[-2:] == ["bob@example.org", "Reset"]
    assert listed[2].split()[0] == "2"
    assert listed[2].endswith("Welcome")

    shown = _mail("show", "1", "--data-dir", str(tmp_path))
    assert "To:      bob@example.org" in shown
    assert "Subject: Reset" in shown
    # On a line of its own apart from its label: the terminal sees the bare URL.
    assert f" {LINK}\n" in shown
    assert "Subject: Welcome" in _mail("show", "2", "--data-dir", str(tmp_path))


async def test_the_data_dir_setting_is_the_default(tmp_path: Path) -> None:
    await _send(tmp_path, to="ada@example.org", subject="From the setting", text="Hi.")
    env = DEVELOPMENT | {"LIFEGRAPH_DATA_DIR": str(tmp_path)}
    assert "From the setting" in _mail("list", env=env)


async def test_clear_empties_the_mailbox(tmp_path: Path) -> None:
    for n in range(3):
        await _send(tmp_path, to="ada@example.org", subject=f"Mail {n}", text="Hi.")
    assert _mail("clear", "--data-dir", str(tmp_path)) == "Deleted 3 mails.\n"
    assert _mail("list", "--data-dir", str(tmp_path)).startswith("No mail in")
    assert list((tmp_path / "mail").iterdir()) == []


def test_show_of_a_missing_number_fails(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["mail", "show", "1", "--data-dir", str(tmp_path)], env=DEVELOPMENT
    )
    assert result.exit_code == 1
    assert "No mail number 1: there are 0." in result.output


def test_there_is_no_mailbox_in_production(tmp_path: Path) -> None:
    env = {"LIFEGRAPH_ENVIRONMENT": "production"}
    result = CliRunner().invoke(app, ["mail", "list", "--data-dir", str(tmp_path)], env=env)
    assert result.exit_code == 2
    assert "No development mailbox in the production environment" in result.output
