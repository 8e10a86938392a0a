"""versus: drafts @versus-style sports captions from news feeds, for a human to review.

Click commands only: parse options, call the packages, print. `python cli.py` and the installed
`versus` console script are the same group.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

import config
from store import Store


@dataclass
class App:
    """What every command needs: the home, its settings and (opened on first use) its store."""

    home: Path
    settings: config.Settings
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.home / config.DB_FILE)
            except Exception as e:  # a locked, corrupt or unwritable database file
                raise click.ClickException(f"cannot open database in {self.home}: {e}") from e
        return self._store


pass_app = click.make_pass_decorator(App)
console = Console(highlight=False)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)


def print_json(value) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def one_line_errors(f):
    """Turn the packages' expected failures (bad input, bad config) into one-line click errors."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except (ValueError, OSError, config.ConfigError) as e:
            raise click.ClickException(str(e)) from e

    return wrapper


@click.group()
@click.version_option(package_name="versus-captions")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="VERSUS_HOME",
    help="Data directory (database, config.toml, models). Default: $VERSUS_HOME or the user data dir.",
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None) -> None:
    """Draft high-energy @versus sports captions from news feeds, review them, retrain on them."""
    home = home or config.default_home()
    if home.exists() and not home.is_dir():
        raise click.ClickException(f"--home {home} is not a directory")
    try:
        settings = config.load_settings(home)
    except config.ConfigError as e:
        raise click.ClickException(str(e)) from e
    ctx.obj = App(home=home, settings=settings)


@cli.command(name="config")
@pass_app
def show_config(app: App) -> None:
    """Print the effective settings as TOML (copy into HOME/config.toml to change them)."""
    click.echo(f"# {app.home / config.CONFIG_FILE}")
    click.echo(config.render_settings(app.settings))


# --- feeds -------------------------------------------------------------------------------------------


@cli.group()
def feeds() -> None:
    """Manage the feeds to poll."""


@feeds.command(name="add")
@click.argument("url")
@click.option("--name", help="Display name (default: the feed's own title once fetched).")
@pass_app
@one_line_errors
def feeds_add(app: App, url: str, name: str | None) -> None:
    """Subscribe to an RSS/Atom feed (http, https or file URL, or a local path)."""
    from ingest.urls import normalize_feed_url

    url = normalize_feed_url(url)
    feed = app.store.add_feed(url, name)
    if feed is None:
        raise click.ClickException(f"already subscribed: {url}")
    click.echo(f"Added feed {feed['id']}: {url}")


@feeds.command(name="list")
@json_option
@pass_app
def feeds_list(app: App, as_json: bool) -> None:
    """List feeds with their health: ok, failing or disabled."""
    rows = app.store.feeds()
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("No feeds yet. Add one with: versus feeds add URL")
        return
    table = Table("id", "name", "url", "state", "last checked", "next check", "last error")
    for feed in rows:
        table.add_row(
            str(feed["id"]),
            feed["name"] or "",
            feed["url"],
            feed_state(feed),
            feed["last_checked"] or "never",
            feed["next_check"] or "now",
            feed["last_error"] or "",
        )
    console.print(table)


def feed_state(feed: dict) -> str:
    if feed["disabled"]:
        return "disabled"
    return f"failing ({feed['error_count']})" if feed["error_count"] else "ok"


@feeds.command(name="remove")
@click.argument("feed")
@pass_app
def feeds_remove(app: App, feed: str) -> None:
    """Unsubscribe a feed (by id or URL). Its snippets and drafts are kept."""
    removed = app.store.remove_feed(feed)
    if removed is None:
        raise click.ClickException(f"no such feed: {feed}")
    click.echo(f"Removed feed {removed['id']}: {removed['url']}")


@feeds.command(name="enable")
@click.argument("feed")
@pass_app
def feeds_enable(app: App, feed: str) -> None:
    """Re-enable a disabled feed (after a 410 Gone or too many failures) and check it next poll."""
    row = app.store.set_feed_disabled(feed, False)
    if row is None:
        raise click.ClickException(f"no such feed: {feed}")
    click.echo(f"Enabled feed {row['id']}: {row['url']}")


if __name__ == "__main__":
    sys.exit(cli())
