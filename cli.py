"""versus: drafts @versus-style sports captions from news feeds, for a human to review.

Click commands only: parse options, call the packages, print. `python cli.py` and the installed
`versus` console script are the same group.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import signal
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

import config
from generate.backends.base import BackendError
from text import error_line, safe_terminal
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
# Feed titles, errors and model output are outside text: a "[/bold]" or "[link=...]" in them must print
# as itself, so nothing printed here is ever read as rich markup (or ":emoji:" codes); styles are Text's.
console = Console(highlight=False, markup=False, emoji=False)


def plain(value) -> str:
    """Outside text (feed names and text, model output, errors): escape sequences and control
    characters removed."""
    return safe_terminal(value)


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
        except (ValueError, OSError, BackendError) as e:
            raise click.ClickException(str(e)) from e

    return wrapper


LIBRARY_LOG = "library.log"


class _LogFile(logging.FileHandler):
    """A log file created (with its folder) on the first record only: an empty home stays empty."""

    def __init__(self, path: Path):
        super().__init__(path, encoding="utf-8", delay=True)
        self.set_name("versus-library-log")
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self.setLevel(logging.WARNING)  # the daemon logs its own INFO lines to stderr

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def send_library_noise_to_log(path: Path) -> None:
    """Library progress bars, notices, warnings and log records would bury our output (and the review
    screen): bars are switched off, the rest goes to `path`. The CLI shows its own rich progress."""
    for variable, value in (("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("HF_DATASETS_DISABLE_PROGRESS_BARS", "1"),
                            ("TRANSFORMERS_VERBOSITY", "error"),
                            ("TQDM_DISABLE", "1")):  # bare tqdm: the GGUF "Converting and de-quantizing"
        # bar and trl's DPO reference pass
        os.environ.setdefault(variable, value)
    logging.captureWarnings(True)  # FutureWarnings and the like become records of the py.warnings logger
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "versus-library-log"]:  # set up twice in-process
        root.removeHandler(old)
        old.close()
    # With a handler on the root logger, Python's last-resort stderr handler stays silent (bitsandbytes'
    # "No module named 'kernels'" warning was one of its lines).
    root.addHandler(_LogFile(path))


class VersusGroup(click.Group):
    """The root group: a database that fails under any command (a corrupt file, a full disk) is one
    line naming the file, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as e:
            where = ctx.obj.home / config.DB_FILE if isinstance(ctx.obj, App) else "the database"
            raise click.ClickException(f"database {where}: {error_line(e)}") from e


@click.group(cls=VersusGroup)
@click.version_option(package_name="versus-captions")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="VERSUS_HOME",
    help="Data directory (database, config.toml, models). Default: $VERSUS_HOME or the user data dir.",
)
@click.option("--verbose", is_flag=True,
              help=f"Show library warnings, logs and progress bars here instead of in HOME/{LIBRARY_LOG}.")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, verbose: bool) -> None:
    """Draft high-energy @versus sports captions from news feeds, review them, retrain on them."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    home = home or config.default_home()
    if home.exists() and not home.is_dir():
        raise click.ClickException(f"--home {home} is not a directory")
    if not verbose:
        send_library_noise_to_log(home / LIBRARY_LOG)
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


def feed_options(f):
    for option in reversed([
        click.option("--label", help="A label to group feeds by (shown in `feeds list`)."),
        click.option("--interval", "interval_minutes", type=click.FloatRange(1, 10080),
                     help="Poll this feed every N minutes (default: [ingest] interval_minutes)."),
    ]):
        f = option(f)
    return f


@feeds.command(name="add")
@click.argument("url")
@click.option("--name", help="Display name (default: the feed's own title once fetched).")
@feed_options
@pass_app
@one_line_errors
def feeds_add(app: App, url: str, name: str | None, label: str | None, interval_minutes: float | None) -> None:
    """Subscribe to an RSS/Atom feed (http, https or file URL, or a local path)."""
    from ingest.urls import normalize_feed_url, require_feed_file

    url = require_feed_file(normalize_feed_url(url))
    feed = app.store.add_feed(url, name, label=label, interval_minutes=interval_minutes)
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
        every = f" (every {feed['interval_minutes']:g} min)" if feed["interval_minutes"] else ""
        table.add_row(
            str(feed["id"]),
            plain(feed["name"]) + (f" [{plain(feed['label'])}]" if feed["label"] else ""),
            plain(feed["url"]),
            feed_state(feed),
            feed["last_checked"] or "never",
            (feed["next_check"] or "now") + every,
            plain(feed["last_error"]),
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
    """Unsubscribe a feed (by id, URL or the path it was added with). Its snippets and drafts are kept."""
    removed = app.store.remove_feed(feed_ref(app, feed))
    if removed is None:
        raise click.ClickException(f"no such feed: {feed}")
    click.echo(f"Removed feed {removed['id']}: {removed['url']}")


@feeds.command(name="enable")
@click.argument("feed")
@pass_app
def feeds_enable(app: App, feed: str) -> None:
    """Re-enable a disabled feed (after a 410 Gone or too many failures) and check it next poll."""
    set_disabled(app, feed, False)


@feeds.command(name="set")
@click.argument("feed")
@click.option("--name", help="Display name.")
@feed_options
@click.option("--default-interval", is_flag=True, help="Poll it every [ingest] interval_minutes again.")
@pass_app
def feeds_set(app: App, feed: str, name: str | None, label: str | None, interval_minutes: float | None,
              default_interval: bool) -> None:
    """Change a feed's name, label or polling interval."""
    changes = {k: v for k, v in (("name", name), ("label", label), ("interval_minutes", interval_minutes))
               if v is not None}
    if default_interval:
        changes["interval_minutes"] = None
    row = app.store.feed(feed_ref(app, feed))
    if row is None:
        raise click.ClickException(f"no such feed: {feed}")
    if not changes:
        raise click.ClickException("nothing to change: give --name, --label, --interval or --default-interval")
    app.store.update_feed(row["id"], **changes)
    click.echo(f"Updated feed {row['id']}: {', '.join(changes)}")


@feeds.command(name="disable")
@click.argument("feed")
@pass_app
def feeds_disable(app: App, feed: str) -> None:
    """Stop polling a feed but keep it, its history and its snippets (`versus feeds enable` undoes it)."""
    set_disabled(app, feed, True)


def set_disabled(app: App, feed: str, disabled: bool) -> None:
    row = app.store.set_feed_disabled(feed_ref(app, feed), disabled)
    if row is None:
        raise click.ClickException(f"no such feed: {feed}")
    click.echo(f"{'Disabled' if disabled else 'Enabled'} feed {row['id']}: {row['url']}")


@feeds.command(name="export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: stdout).")
@pass_app
@one_line_errors
def feeds_export(app: App, output: Path | None) -> None:
    """Write the subscribed feeds (disabled ones too) as OPML, for `versus feeds import` or a feed reader."""
    from ingest.opml import write_opml

    document = write_opml(app.store.feeds() if (app.home / config.DB_FILE).exists() else [])
    if output is None:
        click.echo(document, nl=False)
        return
    output.write_text(document, encoding="utf-8")
    click.echo(f"Exported the feeds to {output}", err=True)


def feed_ref(app: App, ref: str) -> str:
    """`ref` as the store knows it: an id or stored URL as given, else the URL `feeds add` stores for
    it (a relative path or file: URL becomes an absolute file:// URL)."""
    from ingest.urls import normalize_feed_url

    if app.store.feed(ref) is not None:
        return ref
    try:
        return normalize_feed_url(ref)
    except ValueError:  # not a feed URL at all: "no such feed" says it
        return ref


@feeds.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
@pass_app
@one_line_errors
def feeds_import(app: App, path: Path) -> None:
    """Subscribe to every feed in an OPML file (nested outlines too; relative paths in xmlUrl are
    resolved against the OPML file's folder)."""
    from ingest.opml import read_opml

    listed = read_opml(path)
    added = sum(app.store.add_feed(url, name) is not None for url, name in listed.feeds)
    click.echo(f"Imported {path}: {added} added, {len(listed.feeds) - added} already present"
               + (f", {len(listed.skipped)} skipped" if listed.skipped else "") + ".")
    for reason in listed.skipped:
        click.echo(f"  skipped: {reason}")
    if not listed.feeds and not listed.skipped:
        click.echo("  (no <outline> with an xmlUrl in it: nothing to subscribe to)")


# --- ingest, snippets --------------------------------------------------------------------------------


@cli.command(name="ingest")
@click.option("--force", is_flag=True, help="Poll every enabled feed now, ignoring schedule and backoff.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
@pass_app
@one_line_errors
def ingest_command(app: App, force: bool, as_json: bool) -> None:
    """Poll the feeds that are due once: fetch, condense new items into snippets, store them."""
    from rich.text import Text

    from ingest.poll import COUNT_KEYS, poll

    if not (app.home / config.DB_FILE).exists():  # an empty home stays empty
        if as_json:
            print_json(dict.fromkeys(COUNT_KEYS, 0))
        else:
            click.echo("No feeds yet. Add one with `versus feeds add URL` or `versus feeds import FILE.opml`.")
        return
    # Redrawn on each feed's completion instead of by rich's refresh thread: with no other thread
    # running, the poll can fork its parser processes (milliseconds) instead of spawning them.
    show = not as_json and sys.stderr.isatty()
    with sigterm_as_ctrl_c(), progress_bar("Polling feeds", enabled=show, auto_refresh=False) as bar:
        task = bar.add_task("feeds", total=None)

        def progress(done: int, total: int, _label: str) -> None:
            bar.update(task, completed=done, total=total)
            bar.refresh()

        result = poll(app.store, app.settings, force=force, progress=progress)
    if as_json:
        print_json({key: result[key] for key in COUNT_KEYS})
        exit_if_every_feed_failed(result)
        return
    if not result["feeds"]:
        if not app.store.feeds():
            click.echo("No feeds yet. Add one with `versus feeds add URL` or `versus feeds import FILE.opml`.")
        else:
            click.echo("No feed is due yet (see `versus feeds list`); `versus ingest --force` polls them all now.")
        return
    r = result
    click.echo(f"Polled {r['feeds']} feeds: {r['fetched']} fetched, {r['not_modified']} unchanged,"
               f" {r['failed']} failed. {r['new_items']} new items, {r['new_snippets']} new snippets,"
               f" {r['duplicates']} duplicates.")
    for error in r["errors"]:
        console.print(Text(plain(f"  feed {error['feed_id']} failed: {error['url']}: {error['error']}"),
                           style="red"))
    exit_if_every_feed_failed(result)


def exit_if_every_feed_failed(result: dict) -> None:
    """Exit 1 when feeds were polled and none succeeded, so cron (or a wrapper) sees it."""
    if result["feeds"] and result["failed"] == result["feeds"]:
        sys.exit(1)


@cli.command(name="snippets")
@click.option("--status", type=click.Choice(["pending", "claimed", "drafted", "expired"]),
              help="Only snippets in this state.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Show at most N.")
@json_option
@pass_app
def snippets_command(app: App, status: str | None, limit: int, as_json: bool) -> None:
    """List snippets, newest news first: the factual text each caption is drafted from."""
    from rich.text import Text

    rows = app.store.snippets(status=status, limit=limit) if (app.home / config.DB_FILE).exists() else []
    if as_json:
        print_json(rows)
        return
    if not rows:
        if status:
            click.echo(f"No {status} snippets.")
        else:
            click.echo("No snippets yet. Add feeds (`versus feeds add URL`), then run `versus ingest`.")
        return
    table = Table("id", "published", "feed", "title", show_lines=True)
    table.add_column("snippet and link", overflow="fold")  # fold: a long link stays whole, to copy
    for row in rows:
        text = Text(plain(row["text"]))
        if row["link"]:
            text.append("\n" + plain(row["link"]), style="dim")
        table.add_row(
            str(row["id"]),
            (row["published"] or row["created"])[:16].replace("T", " "),
            Text(plain(row["feed_name"] or row["feed_url"] or "")),
            Text(plain(row["title"] or "")),
            text,
        )
    console.print(table)


# --- review, export ----------------------------------------------------------------------------------


@cli.command(name="review")
@click.option("--list", "list_drafts", is_flag=True, help="List drafts instead of reviewing them.")
@click.option(
    "--status",
    type=click.Choice(["pending", "approved", "rejected", "expired"]),
    help="Which drafts --list shows (default: pending).",
)
@json_option
@click.option("--approve", "approve_id", type=int, metavar="ID", help="Approve draft ID.")
@click.option("--text", help="With --approve: the edited caption to approve instead (checked like a draft).")
@click.option("--force", is_flag=True, help="With --approve: approve even a caption with invented facts.")
@click.option("--reject", "reject_id", type=int, metavar="ID", help="Reject draft ID.")
@click.option("--reason", help="With --reject: why (stored with the decision).")
@click.option("--reviewer", help="Name recorded with each decision. Default: $USER.")
@click.option("--inline", is_flag=True, help="Edit captions at a prompt instead of in $EDITOR.")
@pass_app
@one_line_errors
def review_command(
    app: App, list_drafts, status, as_json, approve_id, text, force, reject_id, reason, reviewer, inline
) -> None:
    """Review drafts: approve, edit or reject, one key each.

    Shows one draft at a time, newest news first. Scripted forms: --list [--status S] [--json], --approve ID [--text CAPTION]
    [--force], --reject ID [--reason R]. Every decision is saved the moment it is made; an edit is
    scored like a draft, and a caption with invented facts needs a confirmation (--force)."""
    import review

    modes = [m for m, on in [("--list", list_drafts), ("--approve", approve_id is not None),
                             ("--reject", reject_id is not None)] if on]
    if len(modes) > 1:
        raise click.ClickException(f"use one of {' / '.join(modes)} at a time")
    for option, value, needs, given in [("--text", text, "--approve ID", approve_id is not None),
                                        ("--force", force or None, "--approve ID", approve_id is not None),
                                        ("--reason", reason, "--reject ID", reject_id is not None),
                                        ("--status", status, "--list", list_drafts),
                                        ("--json", as_json or None, "--list", list_drafts)]:
        if value is not None and not given:
            raise click.ClickException(f"{option} goes with {needs}")
    reviewer = review.reviewer_name(reviewer)
    expired = review.expire_stale(app.store, app.settings)
    if approve_id is not None:
        decision = review.approve(app.store, approve_id, reviewer, text, force)
        edited = " with the edited caption" if decision["action"] == "edit" else ""
        flags = f" Flags: {', '.join(map(review.flag_text, decision['flags']))}." if decision["flags"] else ""
        click.echo(f"Approved draft {approve_id}{edited}.{flags}")
    elif reject_id is not None:
        review.reject(app.store, reject_id, reviewer, reason)
        click.echo(f"Rejected draft {reject_id}.")
    elif list_drafts:
        drafts = app.store.drafts(status or "pending")
        if as_json:
            print_json(drafts)
        elif not drafts:
            click.echo(f"No {status or 'pending'} drafts.")
        else:
            console.print(review.drafts_table(drafts))
    else:
        if expired:
            click.echo(f"Expired {expired} draft(s) about news older than "
                       f"{app.settings.review.stale_hours:g} hours.")
        session = review.Session(app.store, app.settings, app.home, reviewer, console, inline)
        if not session.queue:
            click.echo("No drafts waiting for review. The daemon (`versus daemon`) drafts new ones.")
            return
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise click.ClickException(
                "interactive review needs a terminal: use --list, --approve ID or --reject ID"
            )
        session.run()


@cli.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "dpo"]), default="jsonl", show_default=True,
              help="dpo: preference pairs from the review history, in trl's prompt/chosen/rejected form.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: stdout).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"]),
              help="Only captions approved (or decided, for dpo) at or after this date/time (UTC).")
@pass_app
@one_line_errors
def export_command(app: App, fmt: str, output: Path | None, since) -> None:
    """Export approved captions as JSONL or CSV, or preference pairs (dpo).

    Each row: the snippet, the final (possibly edited) caption, the source link, the model version
    that drafted it and when it was approved. Each dpo line: prompt, chosen (the approved caption) and
    rejected (the model's caption before an edit, an unchosen candidate or a rejected caption), its
    kind and the editor's reason."""
    import export

    what = "preference pair(s)" if fmt == "dpo" else "approved caption(s)"
    if output is not None:
        count = export.export_to_file(app.store, fmt, output, since)
        click.echo(f"Exported {count} {what} to {output}", err=True)
    else:
        stdout = sys.stdout
        count = export.export_to_stream(app.store, fmt, stdout, since, for_terminal=stdout.isatty())
        if not count and fmt == "dpo":
            click.echo("No preference pairs yet: edit drafts, or approve one of several candidates, with "
                       "`versus review`.", err=True)
        elif not count:
            click.echo("No approved captions yet: approve some with `versus review`.", err=True)


# --- daemon, status ----------------------------------------------------------------------------------


@cli.command(name="daemon")
@click.option("--once", is_flag=True, help="Run one ingest → generate cycle, then exit.")
@click.option("--verbose", "-v", is_flag=True, help="Log debug detail, library logs included.")
@pass_app
def daemon_command(app: App, once: bool, verbose: bool) -> None:
    """Run the scheduler: poll, draft, retrain, until stopped.

    Polls feeds every ingest.interval_minutes, drafts captions for new snippets, and retrains on
    daemon.retrain_cron once enough new approvals exist, until SIGTERM or Ctrl-C. One daemon per
    home; logs go to stderr, one line per event."""
    import scheduler

    scheduler.setup_logging(verbose)
    try:
        code = scheduler.serve(app.home, app.settings, once=once)
    except (scheduler.DaemonAlreadyRunning, ValueError, OSError) as e:
        raise click.ClickException(str(e)) from e
    sys.exit(code)


@cli.command(name="status")
@json_option
@pass_app
def status_command(app: App, as_json: bool) -> None:
    """Show feeds, queues, the model, the daemon and its jobs.

    Feeds as ok / failing / disabled with their next check, snippets and drafts by status, the
    active model version, whether the daemon runs, and its last job runs and errors."""
    import scheduler

    summary = {"home": str(app.home), "daemon_pid": scheduler.running_daemon_pid(app.home)}
    if not (app.home / config.DB_FILE).exists():
        if as_json:
            print_json({**summary, "initialized": False})
        else:
            click.echo(f"Nothing in {app.home} yet. Add a feed with `versus feeds add URL`, "
                       "then run `versus daemon` (or `versus daemon --once`).")
        return
    summary.update(app.store.status_summary(), initialized=True)
    if as_json:
        print_json(summary)
    else:
        print_status(summary)


def print_status(s: dict) -> None:
    from rich.text import Text

    pid = s["daemon_pid"]
    model = s["model"]
    click.echo(f"Home:     {s['home']}")
    click.echo(f"Daemon:   running (pid {pid})" if pid else "Daemon:   not running")
    click.echo(f"Model:    {model['version']} (active since {model['promoted']})" if model
               else "Model:    the base model (no trained version yet)")
    for name in ("snippets", "drafts"):
        counts = "  ".join(f"{k} {v}" for k, v in sorted(s[name].items())) or "none"
        click.echo(f"{name.capitalize() + ':':<9} {counts}")
    if not s["feeds"]:
        click.echo("Feeds:    none yet: add one with `versus feeds add URL`")
    else:
        table = Table("id", "feed", "state", "next check", "last error", title="Feeds",
                      title_justify="left")
        for f in s["feeds"]:
            next_check = "—" if f["disabled"] else f["next_check"] or "now"
            table.add_row(str(f["id"]), Text(plain(f["name"] or f["url"])), feed_state(f), next_check,
                          Text(plain(f["last_error"]), style="red"))
        console.print(table)
    if not s["jobs"]:
        click.echo("Jobs:     none run yet (the daemon records them)")
        return
    table = Table("job", "outcome", "started", "finished", "counts", "error",
                  title="Job runs: the latest of each job, then recent failures",
                  title_justify="left")
    for run in s["jobs"] + [r for r in s["recent_errors"] if r not in s["jobs"]]:
        counts = " ".join(f"{k}={v}" for k, v in (run["counts"] or {}).items())
        style = "red" if run["outcome"] in ("failed", "timeout", "interrupted") else ""
        table.add_row(run["job"], Text(run["outcome"], style=style), run["started"],
                      run["finished"] or "", Text(plain(counts)), Text(plain(run["error"]), style="red"))
    console.print(table)


# --- generation ----------------------------------------------------------------------------------------


def progress_bar(label: str, enabled: bool = True, auto_refresh: bool = True):
    """A rich progress bar on stderr (so --json stdout stays clean); a no-op when disabled.
    Without auto_refresh it starts no thread and redraws only when the caller calls refresh()."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True, markup=False, emoji=False), transient=True, disable=not enabled,
        auto_refresh=auto_refresh,
    )


@contextlib.contextmanager
def sigterm_as_ctrl_c():
    """SIGTERM ends the command as Ctrl-C does, by an exception, so its `finally` blocks run: claims
    are handed back and worker processes shut down instead of being left to leases and orphanhood."""

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def sampling_options(f):
    for option in reversed([
        click.option("--n", "n", type=click.IntRange(1, 16), help="Candidates per snippet (best is kept)."),
        click.option("--temperature", type=click.FloatRange(0, 2), help="0 = greedy."),
        click.option("--top-p", type=click.FloatRange(0, 1, min_open=True), help="Nucleus sampling mass."),
        click.option("--max-new-tokens", type=click.IntRange(1, 512)),
        click.option("--seed", type=int),
        click.option("--backend", type=click.Choice(["auto", "transformers", "vllm", "openai"])),
    ]):
        f = option(f)
    return f


@cli.command(name="generate")
@click.option("--limit", type=click.IntRange(1), help="Draft at most this many snippets.")
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File mode: caption a JSONL file of {\"id\", \"snippet\"} lines instead of the queue.")
@click.option("--output", "output_path", type=click.Path(dir_okay=False, path_type=Path),
              help="File mode: where to write the captions (JSONL).")
@sampling_options
@json_option
@pass_app
@one_line_errors
def generate_command(app: App, limit, input_path, output_path, n, temperature, top_p, max_new_tokens, seed,
                     backend, as_json) -> None:
    """Draft captions for pending snippets (best of n candidates each) into the review queue."""
    from generate import files, queue
    from generate.backends import sampling_params

    if (input_path is None) != (output_path is None):
        raise click.ClickException("--input and --output go together")
    if backend:
        app.settings.generation.backend = backend
    params = sampling_params(app.settings.generation, n=n, temperature=temperature, top_p=top_p,
                                  max_new_tokens=max_new_tokens, seed=seed)
    # Only on a terminal: piped, rich still prints a blank line when the bar stops.
    show_progress = not as_json and sys.stderr.isatty()
    if input_path:
        with progress_bar("captioning", show_progress) as bar:
            task = bar.add_task("captioning", total=None)
            result = files.generate_file(input_path, output_path, app.settings, app.home, app.store,
                                        params=params, progress=lambda done: bar.update(task, completed=done))
    else:
        # Claims a crashed worker left behind count too; news older than review.stale_hours does not.
        pending = app.store.count_claimable(app.settings.review.stale_before())
        if pending == 0 and not as_json:
            click.echo(nothing_to_draft(app))
            return
        with sigterm_as_ctrl_c(), progress_bar("drafting", show_progress) as bar:
            task = bar.add_task("drafting", total=min(pending, limit or pending))
            result = queue.generate_pending(app.store, app.settings, app.home, limit=limit, params=params,
                                           progress=lambda done, total: bar.update(task, completed=done))
    if as_json:
        print_json(result)
    elif input_path:
        click.echo(f"Wrote {result['captions']} captions to {result['output']} "
                   f"({result['captions_per_s']:.2f} captions/s, {result['backend']}, model {result['model']})")
    else:
        click.echo(f"Drafted {result['drafts']} of {result['snippets']} snippets "
                   f"({result['captions_per_s']:.2f} captions/s, {result['backend']}, model {result['model']})")
        if result["drafts"]:
            print_drafts(app.store.drafts(status="pending", limit=result["drafts"]))


def nothing_to_draft(app: App) -> str:
    stale = app.store.count_claimable()
    if not stale:
        return "No pending snippets. Fetch some with: versus ingest"
    hours = app.settings.review.stale_hours
    return (f"Nothing to draft: {stale} pending snippet(s) are about news older than {hours:g} hours, skipped as"
            f" stale. To draft them, raise [review] stale_hours in {app.home / config.CONFIG_FILE} (0: never stale).")


def print_drafts(drafts: list[dict]) -> None:
    table = Table("id", "snippet", "draft", "style", "flags", show_lines=True)
    for d in drafts:
        table.add_row(str(d["id"]), plain(d["snippet"]), plain(d["caption"]),
                      f"{(d['scores'] or {}).get('style', 0):.2f}", plain(", ".join(map(str, d["flags"] or []))))
    console.print(table)


# --- evaluation and checks -------------------------------------------------------------------------------


@cli.command(name="eval")
@click.option("--model", "version", metavar="VERSION", help="Evaluate this version (default: the active one).")
@click.option("--base", "use_base", is_flag=True, help="Evaluate the bare base model, without an adapter.")
@click.option("--compare", metavar="VERSION",
              help="A second version (or `base`) side by side: same snippets, same parameters, same seed.")
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='A JSONL file of {"id", "snippet"} lines (a "caption" adds a reference) instead of '
                   "the seed set's validation split.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N snippets.")
@click.option("--temperature", type=click.FloatRange(0, 2), default=0.0, show_default=True,
              help="0 = greedy; above 0, sampled with --seed.")
@click.option("--seed", type=int, help="Sampling seed (default: [generation] seed).")
@click.option("--max-new-tokens", type=click.IntRange(1, 512))
@click.option("--backend", type=click.Choice(["auto", "transformers", "vllm", "openai"]))
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write DIR/report.md with a style-score plot and captions side by side.")
@json_option
@pass_app
@one_line_errors
def eval_command(app: App, version, use_base, compare, input_path, limit, temperature, seed, max_new_tokens,
                 backend, report_dir, as_json) -> None:
    """Measure caption quality on a held-out set: postable rate (captions that pass every guard),
    style score, fact-lock, persona leaks, invented facts, contradictions, made-up words, length,
    diversity, validation loss and speed, for one version or two side by side."""
    from generate.eval import report, run

    if version and use_base:
        raise click.ClickException("use --model VERSION or --base, not both")
    versions = ["base" if use_base else version] + ([compare] if compare else [])
    params = run.eval_params(app.settings.generation, temperature=temperature, seed=seed,
                                  max_new_tokens=max_new_tokens)
    with progress_bar("evaluating", not as_json and sys.stderr.isatty()) as bar:
        tasks: dict[str, int] = {}

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=total)
            bar.update(tasks[name], completed=done)

        result = run.run_eval(app.store, app.settings, app.home, versions, input_path=input_path,
                                   limit=limit, params=params, backend_name=backend, progress=progress)
    written = report.write_report(result, report_dir) if report_dir else None
    if as_json:
        print_json(result | ({"report": str(written)} if written else {}))
        return
    click.echo(report.describe(result))
    console.print(report.results_table(result))
    if written:
        click.echo(f"Report: {written}")


@cli.command(name="doctor")
@click.option("--adapter", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Check this adapter directory instead of the active version's.")
@json_option
@pass_app
def doctor_command(app: App, adapter: Path | None, as_json: bool) -> None:
    """Check the installation and the model: library versions, torchvision, chat template parity,
    the adapter (vLLM rank limit, embedding weights, effect on outputs), database schema, feeds.
    Exits 1 when any check fails."""
    import doctor

    checks = doctor.run_checks(app.home, app.settings, adapter=adapter)
    if as_json:
        print_json({"ok": doctor.passed(checks), "checks": [c.as_dict() for c in checks]})
    else:
        console.print(doctor.checks_table(checks))
    if not doctor.passed(checks):
        sys.exit(1)


# --- models and retraining -------------------------------------------------------------------------------


@cli.group()
def models() -> None:
    """Model versions: list, promote, roll back."""


@models.command(name="list")
@json_option
@pass_app
@one_line_errors
def models_list(app: App, as_json: bool) -> None:
    """List model versions; the active one drafts new captions."""
    from model.registry import versions

    rows = versions(app.store, app.settings.model.base)
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo(f"No model versions yet: drafts use the bare base model ({app.settings.model.base}). "
                   "Train one with: versus retrain")
        return
    table = Table("version", "status", "base", "dataset", "val loss", "created", "note")
    for v in rows:
        val = (v["metrics"] or {}).get("val_loss")
        table.add_row(v["version"], v["status"], plain(v["base_model"]), f"{v['dataset_size'] or 0} pairs",
                      f"{val:.4f}" if isinstance(val, float) else "-", v["created"], plain(v["note"]))
    console.print(table)


@models.command(name="promote")
@click.argument("version")
@click.option("--force", is_flag=True, help="Promote it even though it failed the promotion gate.")
@pass_app
@one_line_errors
def models_promote(app: App, version: str, force: bool) -> None:
    """Make VERSION the active model. A version that retrain kept inactive because it failed the
    promotion gate (see `versus models list`) needs --force."""
    from model.registry import promote

    row = promote(app.store, version, force=force)
    click.echo(f"Active model: {row['version']}")


@models.command(name="rollback")
@pass_app
@one_line_errors
def models_rollback(app: App) -> None:
    """Re-activate the version that was active before the current one."""
    from model.registry import rollback

    row = rollback(app.store, app.settings.model.base)
    click.echo(f"Rolled back; active model: {row['version']}")


@cli.command(name="retrain")
@click.option("--epochs", type=click.FloatRange(0, min_open=True))
@click.option("--rank", type=click.IntRange(1, 256), help="LoRA rank (alpha = 2 x rank).")
@click.option("--max-steps", type=click.IntRange(1), help="Stop after this many optimizer steps.")
@click.option("--min-approved", type=click.IntRange(0),
              help="New approvals needed to retrain (default: [train] min_approved).")
@click.option("--continue/--from-base", "continue_from_active", default=None,
              help="Start from the active version's adapter, or from a fresh LoRA on the base "
                   "(default: [train] continue_from_active).")
@click.option("--dpo/--no-dpo", default=None,
              help="After SFT, learn from the review's preference pairs with DPO when there are "
                   "[train] dpo_min_pairs of them (default: [train] dpo).")
@json_option
@pass_app
@one_line_errors
def retrain_command(app: App, epochs, rank, max_steps, min_approved, continue_from_active, dpo,
                    as_json: bool) -> None:
    """Fine-tune a new model version on approved captions + the seed set (then DPO on the editors'
    preferences); promote it if no worse."""
    from retrain import RetrainRefused, retrain

    try:
        result = retrain(app.store, app.settings, app.home, epochs=epochs, rank=rank, max_steps=max_steps,
                         min_approved=min_approved, dpo=dpo, continue_from_active=continue_from_active,
                         show_progress=not as_json)
    except RetrainRefused as e:
        if as_json:
            print_json({"version": None, "promoted": False, "reason": str(e)})
            return
        click.echo(str(e))
        return
    except (ValueError, OSError, BackendError):
        raise
    except Exception as e:  # training is torch, CUDA and trl: whatever fails, one line, active model kept
        raise click.ClickException(f"retrain failed, the active model is unchanged: {error_line(e)}") from e
    if as_json:
        print_json(result)
        return
    verdict = "promoted to active" if result["promoted"] else f"kept inactive: {result['reason']}"
    started = "" if result["started_from"] == "base" else f" from {result['started_from']}"
    click.echo(f"Trained {result['version']}{started} on {result['dataset_size']} pairs "
               f"(train loss {result['train_loss']:.3f}, val loss {result['val_loss']:.3f}); {verdict}")
    if isinstance(result["dpo"], dict):
        d = result["dpo"]
        margins = (f"; held-out margin {d['margin_before']:.2f} -> {d['margin_after']:.2f}"
                   if d["margin_before"] is not None else "")
        click.echo(f"DPO on {d['pairs']} preference pairs ({d['steps']} steps{margins})")
    elif result["dpo"] != "off":
        click.echo(f"DPO {result['dpo']}")
    gate = (app.store.model_version(result["version"])["metrics"].get("gate") or {}).get("summary")
    if gate:
        click.echo(f"Held-out eval: {gate}")



if __name__ == "__main__":
    sys.exit(cli())
