"""`elearn`: headless and admin commands over the same services the GUI uses (no Qt).

Every failure a person can cause or meet (bad input, unreachable server, a schema newer
than this code) ends in one line on stderr and a non-zero exit code, never a traceback.
Exit codes: 0 ok, 1 failed, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from elearn_desktop import __version__
from elearn_desktop.config import ConfigError, DatabaseTarget, resolve_database
from elearn_desktop.domain.errors import ElearnError

if TYPE_CHECKING:
    from rich.progress import TaskID

log = logging.getLogger(__name__)
# Unexpected errors are logged with their traceback for whoever configured logging; without
# that, Python's last-resort handler would print the traceback to stderr.
log.addHandler(logging.NullHandler())

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


@dataclass
class _State:
    database_url: str | None = None

    def target(self) -> DatabaseTarget:
        return resolve_database(self.database_url)


def _state(ctx: click.Context) -> _State:
    state = ctx.find_root().obj
    assert isinstance(state, _State)
    return state


def _print_json(data: Any) -> None:
    # Plain print: rich would wrap long lines and colour the JSON scripts read.
    print(json.dumps(data, indent=2, sort_keys=True, default=str))


_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
_WHO = click.argument("who", metavar="EMAIL_OR_ID")


@click.group(
    name="elearn",
    help="Administer and script elearn-desktop: database, demo content, accounts.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--database-url",
    metavar="URL",
    help="SQLAlchemy URL of the server database; default: $ELEARN_DATABASE_URL, "
    "else the embedded SQLite file.",
)
@click.version_option(__version__, prog_name="elearn")
@click.pass_context
def app(ctx: click.Context, database_url: str | None) -> None:
    ctx.obj = _State(database_url=database_url)


@app.group("db")
def db_app() -> None:
    """Database schema: upgrade and inspect."""


@app.group("demo")
def demo_app() -> None:
    """Demo content."""


@app.group("subscriptions")
def subscriptions_app() -> None:
    """A person's live subscription: cancel or extend."""


@app.group("users")
def users_app() -> None:
    """People: create, list, show, deactivate, set a password."""


# ------------------------------------------------------------------------------------ db


@db_app.command("upgrade")
@click.argument("revision", default="head")
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Migrate the database to the newest schema (or REVISION)."""
    from elearn_desktop.data import migrations
    from elearn_desktop.data.errors import check_connection, database_errors
    from elearn_desktop.services.backend import open_backend

    backend = open_backend(_state(ctx).target())
    try:
        check_connection(backend.engine)
        with database_errors(backend.engine):
            before = migrations.schema_status(backend.engine)
            with err.status(f"Upgrading {backend.target.display} …"):
                after = migrations.upgrade(backend.engine, revision)
        if before.current == after.current:
            out.print(f"Already at revision {after.current}: nothing to do.")
        else:
            out.print(f"Upgraded {before.current or 'an empty database'} → {after.current}.")
    finally:
        backend.dispose()


@db_app.command("current")
@_JSON
@click.pass_context
def db_current(ctx: click.Context, as_json: bool) -> None:
    """Show the database's schema revision and whether it is up to date."""
    from elearn_desktop.data import migrations
    from elearn_desktop.data.errors import check_connection, database_errors
    from elearn_desktop.services.backend import open_backend

    backend = open_backend(_state(ctx).target())
    try:
        check_connection(backend.engine)
        with database_errors(backend.engine):
            status = migrations.schema_status(backend.engine)
    finally:
        backend.dispose()
    if as_json:
        _print_json(
            {
                "database": backend.target.display,
                "current": status.current,
                "head": status.head,
                "up_to_date": status.up_to_date,
            }
        )
        return
    state = "up to date" if status.up_to_date else f"behind (newest is {status.head})"
    out.print(f"{backend.target.display}: revision {status.current or 'none (empty)'}, {state}")


# ---------------------------------------------------------------------------------- demo


@demo_app.command("load")
@click.pass_context
def demo_load(ctx: click.Context) -> None:
    """Load the demo courses, assessments, path, plans and accounts (idempotent)."""
    from elearn_desktop.data import migrations
    from elearn_desktop.data.errors import check_connection, database_errors
    from elearn_desktop.services.backend import open_backend
    from elearn_desktop.services.demo import DEMO_ACCOUNTS, load_demo

    backend = open_backend(_state(ctx).target())
    try:
        check_connection(backend.engine)
        with database_errors(backend.engine):
            status = migrations.schema_status(backend.engine)
            if not status.up_to_date:
                raise ElearnError(
                    f"the database schema is at {status.current or 'nothing'}, not "
                    f"{status.head}: run `elearn db upgrade` first"
                )
            with err.status("Loading demo content …"):
                report = load_demo(backend.uow)
    finally:
        backend.dispose()
    out.print(f"Demo content: {report.added} rows added, {report.already_present} already there.")
    table = Table("email", "password", "roles", title="Demo accounts")
    for account in DEMO_ACCOUNTS:
        table.add_row(account.email, account.password, ", ".join(account.roles))
    out.print(table)


# ------------------------------------------------------------------------------ download


@app.command("download")
@click.argument("course_slug", metavar="COURSE_SLUG")
@click.option(
    "--to",
    "to_dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder for the videos; default: <data folder>/downloads/COURSE_SLUG.",
)
@click.option(
    "--profile",
    "profile_name",
    metavar="NAME",
    help="Fill this saved profile's offline cache (course and videos) instead of a folder.",
)
@click.option("--email", help="With --profile: whose cache; default: the profile's last email.")
@_JSON
@click.pass_context
def download(
    ctx: click.Context,
    course_slug: str,
    to_dir: str | None,
    profile_name: str | None,
    email: str | None,
    as_json: bool,
) -> None:
    """Download the videos of a course (resumable: run it again to continue).

    With --profile the course is made available offline in that profile's encrypted
    cache, as the app does (the password is read from $ELEARN_PASSWORD, or asked for).
    """
    if profile_name is not None:
        if to_dir is not None:
            raise click.UsageError("--to and --profile do not go together (the cache decides)")
        with _ProfileCache(ctx, profile_name, email) as target:
            _download(course_slug, target.folder, as_json, target=target)
        return
    from pathlib import Path

    from elearn_desktop.config import data_dir

    folder = Path(to_dir).expanduser() if to_dir else data_dir() / "downloads" / course_slug
    _download(course_slug, folder, as_json, target=None, ctx=ctx)


class _ProfileCache:
    """A saved profile's signed-in session with its offline cache open (``download``)."""

    def __init__(self, ctx: click.Context, profile_name: str, email: str | None) -> None:
        self.ctx = ctx
        self.profile_name = profile_name
        self.email = email
        self.session: Any = None

    def __enter__(self) -> _ProfileCache:
        from elearn_desktop.services.auth import sign_in
        from elearn_desktop.sync.offline import attach_cache, videos_dir

        profile, who = _profile_and_email(self.ctx, self.profile_name, self.email)
        password = _password_for(who)
        session = sign_in(profile, who, password)
        try:
            self.session = attach_cache(session, password)
        except BaseException:
            session.close()
            raise
        assert self.session.cache is not None
        self.profile = profile
        self.folder = videos_dir(self.session.cache)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.session is not None:
            self.session.close()

    def copy_course(self, course_slug: str) -> Any:
        """Copy the course into the cache (tree, assessments, paths) like the app does."""
        from elearn_desktop.domain.errors import NotFoundError
        from elearn_desktop.services.learning_overview import offline_access
        from elearn_desktop.sync.cache import make_course_available

        session = self.session
        with session.server.uow() as uow:
            course = uow.courses.by_slug(course_slug)
            if course is None:
                raise NotFoundError(f"there is no course '{course_slug}' (check the slug)")
            course_id = course.id
        access = offline_access(session.server.uow, session.user.id, course_id)
        if not access.allowed:
            raise ElearnError(access.reason)
        make_course_available(session.server.uow, session.cache, course_id)
        return course_id

    def budget(self) -> Any:
        from elearn_desktop.sync.offline import DEFAULT_CACHE_LIMIT_BYTES, make_cache_budget

        return make_cache_budget(self.session.cache, limit_bytes=DEFAULT_CACHE_LIMIT_BYTES)


def _download(
    course_slug: str,
    folder: Any,
    as_json: bool,
    *,
    target: _ProfileCache | None,
    ctx: click.Context | None = None,
) -> None:
    """Fetch a course's videos into ``folder``; with ``target``, into that profile's
    offline cache (the course copied there first, room made within its budget)."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.sync.downloads import (
        DEFAULT_SPACE_MARGIN,
        Downloader,
        DownloadError,
        describe_bytes,
        ensure_free_space,
        partial_size,
    )
    from elearn_desktop.sync.downloads.course_videos import course_video_requests

    if target is not None:
        course_id = target.copy_course(course_slug)
        budget = target.budget()
        videos = course_video_requests(
            target.session.cache.uow, course_id, dest_dir=budget.course_dir
        )
        folder = budget.course_dir(course_id)
        with Downloader() as probe:
            needed = sum(
                max(0, (probe.probe_size(r) or 0) - partial_size(r.dest))
                for r in videos.requests
                if not r.dest.exists()
            )
        room = budget.make_room(needed, protect={str(course_id)})
        if not room.fits:
            raise ElearnError(room.message)
    else:
        assert ctx is not None
        backend = _with_uow(ctx)
        try:
            with database_errors(backend.engine):
                videos = course_video_requests(backend.uow, course_slug, dest_dir=folder)
        finally:
            backend.dispose()

    files: list[dict[str, Any]] = [
        {"title": v.title, "file": None, "status": "unavailable", "bytes": 0, "message": v.message}
        for v in videos.unavailable
    ]
    with Downloader() as downloader:
        sizes = [downloader.probe_size(r) for r in videos.requests]
        ensure_free_space(
            folder,
            sum(s - partial_size(r.dest) for r, s in zip(videos.requests, sizes, strict=True) if s),
            margin=DEFAULT_SPACE_MARGIN,
            what=f"the videos of '{videos.title}'",
        )
        with _DownloadBars(sizes, enabled=not as_json and err.is_terminal) as bars:
            for request, size in zip(videos.requests, sizes, strict=True):
                entry: dict[str, Any] = {"title": request.label, "file": str(request.dest)}
                on_progress = bars.start_file(request.label, size)
                try:
                    result = downloader.fetch(request, on_progress=on_progress)
                except DownloadError as exc:
                    entry.update(status="failed", bytes=0, message=str(exc))
                else:
                    status = "already there" if result.skipped else "downloaded"
                    entry.update(status=status, bytes=result.size, message=None)
                bars.end_file(size or 0)
                files.append(entry)

    failed = [f for f in files if f["status"] in ("failed", "unavailable")]
    present = [f for f in files if f not in failed]
    total = sum(f["bytes"] for f in present)
    if as_json:
        _print_json(
            {
                "course": videos.slug,
                "title": videos.title,
                "folder": str(folder),
                "profile": target.profile.name if target is not None else None,
                "files": files,
                "downloaded": sum(f["status"] == "downloaded" for f in files),
                "already_there": sum(f["status"] == "already there" for f in files),
                "bytes": total,
                "failed": [{"title": f["title"], "message": f["message"]} for f in failed],
            }
        )
    else:
        for f in files:
            if f in failed:
                out.print(f"✗ {f['message']}", markup=False, soft_wrap=True)
            else:
                out.print(
                    f"✓ {f['title']}: {f['file']} ({describe_bytes(f['bytes'])}, {f['status']})",
                    markup=False,
                    soft_wrap=True,
                )
        if not files:
            out.print(f"'{videos.title}' has no videos: nothing to download.", markup=False)
        elif present:
            count = f"{len(present)} of {len(files)}" if failed else str(len(present))
            noun = "video" if len(files) == 1 else "videos"
            out.print(
                f"{count} {noun} of '{videos.title}' in {folder} ({describe_bytes(total)}).",
                markup=False,
                soft_wrap=True,
            )
    if failed:
        raise ElearnError(
            f"{len(failed)} of {len(files)} videos could not be downloaded (see above); "
            "run the command again to retry"
        )


class _DownloadBars:
    """Rich progress bars on stderr: one for the file being fetched, one for the total."""

    def __init__(self, sizes: list[int | None], *, enabled: bool) -> None:
        self._enabled = enabled
        self._known_total = sum(s or 0 for s in sizes) if all(sizes) else None
        self._finished = 0
        self._bar: Any = None
        self._total_task: Any = None
        self._file_task: Any = None

    def __enter__(self) -> _DownloadBars:
        if not self._enabled:
            return self
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self._bar.__enter__()
        self._total_task = self._bar.add_task("All videos", total=self._known_total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def start_file(self, title: str, size: int | None) -> Any:
        """A progress callback for the file about to be fetched (None without bars)."""
        if self._bar is None:
            return None
        bar, total_task = self._bar, self._total_task
        self._file_task = task = bar.add_task(title[:40], total=size)
        base = self._finished

        def on_progress(progress: Any) -> None:
            bar.update(task, completed=progress.done, total=progress.total)
            bar.update(total_task, completed=base + progress.done)

        return on_progress

    def end_file(self, size: int) -> None:
        self._finished += size
        if self._bar is not None:
            self._bar.remove_task(self._file_task)
            self._bar.update(self._total_task, completed=self._finished)


# --------------------------------------------------------------------------------- users


def _with_uow(ctx: click.Context) -> Any:
    """The backend for account commands, refusing a database without the current schema."""
    from elearn_desktop.data import migrations
    from elearn_desktop.data.errors import check_connection, database_errors
    from elearn_desktop.services.backend import open_backend

    backend = open_backend(_state(ctx).target())
    try:
        check_connection(backend.engine)
        with database_errors(backend.engine):
            status = migrations.schema_status(backend.engine)
        if not status.up_to_date:
            raise ElearnError(
                f"the database schema is at {status.current or 'nothing yet'}, not "
                f"{status.head}: run `elearn db upgrade` first"
            )
    except BaseException:
        backend.dispose()
        raise
    return backend


@users_app.command("create")
@click.option("--email", required=True, help="The person's email (their login).")
@click.option("--password", help="Initial password; asked for when omitted.")
@click.option(
    "--role", "roles", multiple=True, help="learner, instructor, support or admin; repeatable."
)
@click.option("--first-name")
@click.option("--last-name")
@click.pass_context
def users_create(
    ctx: click.Context,
    email: str,
    password: str | None,
    roles: tuple[str, ...],
    first_name: str | None,
    last_name: str | None,
) -> None:
    """Create a person with roles; prints the account as JSON."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import accounts

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine):
            user = accounts.create_user(
                backend.uow,
                email=email,
                password=password,
                roles=roles,
                first_name=first_name,
                last_name=last_name,
            )
    finally:
        backend.dispose()
    _print_json(user.to_json())


@users_app.command("list")
@click.option("--search", "-s", default="", help="Part of the email or name.")
@click.option("--limit", default=100, type=click.IntRange(1, 10_000), show_default=True)
@_JSON
@click.pass_context
def users_list(ctx: click.Context, search: str, limit: int, as_json: bool) -> None:
    """List people, optionally filtered by part of the email or name."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import accounts

    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine):
            users = accounts.list_users(backend.uow, search=search, limit=limit)
    finally:
        backend.dispose()
    if as_json:
        _print_json([u.to_json() for u in users])
        return
    table = Table("email", "name", "roles", "active", "verified")
    for u in users:
        table.add_row(
            u.email,
            u.display_name if u.display_name != u.email else "",
            ", ".join(u.roles),
            "yes" if u.is_active else "no",
            "yes" if u.is_verified else "no",
        )
    out.print(table)
    out.print(f"{len(users)} people")


@users_app.command("show")
@_WHO
@_JSON
@click.pass_context
def users_show(ctx: click.Context, who: str, as_json: bool) -> None:
    """Show one person: account, roles, subscriptions and a progress summary."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import support

    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine):
            summary = support.account_summary_json(backend.uow, who)
    finally:
        backend.dispose()
    if as_json:
        _print_json(summary)
        return
    for key, value in summary.items():
        if isinstance(value, list):
            value = (
                f"{len(value)} item(s)"
                if value and isinstance(value[0], dict)
                else ", ".join(map(str, value))
            )
        elif isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        out.print(f"[bold]{key:>13}[/]  {value}")


@users_app.command("deactivate")
@_WHO
@click.pass_context
def users_deactivate(ctx: click.Context, who: str) -> None:
    """Deactivate a person: they can no longer sign in."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import accounts

    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine):
            user = accounts.set_active(backend.uow, who, active=False)
    finally:
        backend.dispose()
    out.print(f"Deactivated {user.email}.")


@users_app.command("set-password")
@_WHO
@click.option("--password", help="New password; asked for when omitted.")
@click.pass_context
def users_set_password(ctx: click.Context, who: str, password: str | None) -> None:
    """Set a person's password."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import accounts

    if password is None:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine):
            user = accounts.set_password(backend.uow, who, password)
    finally:
        backend.dispose()
    out.print(f"Password changed for {user.email}.")


# -------------------------------------------------------------------------------- course


@app.group("course")
def course_app() -> None:
    """Courses: export to a zip (with media, assessments and paths), import from one."""


@contextmanager
def _transfer_progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr for the bytes of media being written or checked."""
    if not err.is_terminal:  # scripts and logs get the result line, not a redrawn bar
        yield lambda _what, _done, _total: None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)

        yield update


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _content_counts(report: Any) -> str:
    return ", ".join(
        [
            _count(report.modules, "module"),
            _count(report.lessons, "lesson"),
            _count(report.media_files, "media file"),
            _count(report.assessments, "assessment"),
            _count(report.paths, "learning path"),
        ]
    )


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        err.print(f"elearn: warning: {warning}", markup=False, soft_wrap=True)


@course_app.command("export")
@click.argument("slug")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The zip file to write.",
)
@click.pass_context
def course_export(ctx: click.Context, slug: str, output: Path) -> None:
    """Export the course SLUG with its videos, assessments and learning paths to a zip."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import content_transfer

    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine), _transfer_progress() as progress:
            report = content_transfer.export_course(
                backend.uow,
                slug=slug,
                destination=output,
                media_dir=content_transfer.default_media_dir(),
                progress=progress,
            )
    finally:
        backend.dispose()
    _warn(report.warnings)
    out.print(
        f"Exported '{report.title}' ({_content_counts(report)}) to {report.path}.",
        markup=False,
        soft_wrap=True,
    )


@course_app.command("import")
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--slug",
    "new_slug",
    metavar="NEW",
    help="Import under this slug (when the archive's slug is taken here).",
)
@click.pass_context
def course_import(ctx: click.Context, archive: Path, new_slug: str | None) -> None:
    """Import a course exported with `elearn course export` (never overwrites a course)."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import content_transfer

    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine), _transfer_progress() as progress:
            report = content_transfer.import_course(
                backend.uow,
                source=archive,
                new_slug=new_slug,
                media_dir=content_transfer.default_media_dir(),
                progress=progress,
            )
    except content_transfer.SlugTakenError as exc:
        raise ElearnError(
            f"a course with the slug '{exc.slug}' already exists; nothing was imported "
            "(give it a new slug with --slug NEW)"
        ) from None
    finally:
        backend.dispose()
    _warn(report.warnings)
    out.print(
        f"Imported '{report.title}' as {report.slug} ({_content_counts(report)}).",
        markup=False,
        soft_wrap=True,
    )


# ---------------------------------------------------------------------------------- sync


@app.command("sync")
@click.option(
    "--profile",
    "profile_name",
    metavar="NAME",
    help="A saved server profile; default: the default (or only) one, else --database-url.",
)
@click.option("--email", help="Whose offline work to sync; default: the profile's last email.")
@_JSON
@click.pass_context
def sync(ctx: click.Context, profile_name: str | None, email: str | None, as_json: bool) -> None:
    """Sync this computer's offline work with its PostgreSQL server (push, then pull).

    The password is read from $ELEARN_PASSWORD, or asked for.
    """

    from elearn_desktop.domain.errors import DatabaseUnavailableError
    from elearn_desktop.services.auth import sign_in
    from elearn_desktop.services.offline_auth import (
        OfflineUnavailableError,
        remember_for_offline,
        unlock_offline,
    )
    from elearn_desktop.sync.cache import open_cache
    from elearn_desktop.sync.engine import SyncEngine, SyncHooks

    profile, who = _profile_and_email(ctx, profile_name, email)
    password = _password_for(who)

    online_error: str | None = None
    session = None
    try:
        session = sign_in(profile, who, password)
    except DatabaseUnavailableError as exc:
        online_error = str(exc)
    try:
        if session is not None:
            remember_for_offline(profile, session.user, password)
        try:
            account = unlock_offline(profile, who, password)
        except OfflineUnavailableError as exc:
            raise ElearnError(online_error or str(exc)) from None
        cache = open_cache(account.cache_dir, account.cache_key)
        try:
            if session is None:
                pending = cache.pending_count()
                raise ElearnError(
                    f"{online_error}; {pending} change{'s' if pending != 1 else ''} "
                    "stay on this computer until the next sync"
                )
            cache.set_owner(session.user)
            backend = session.backend
            assert backend is not None
            with _SyncBar(enabled=not as_json and err.is_terminal) as bar:
                engine = SyncEngine(
                    profile, cache, lambda: backend, hooks=SyncHooks(on_progress=bar.update)
                )
                try:
                    report = engine.sync_once()
                finally:
                    engine.close()
        finally:
            cache.close()
    finally:
        if session is not None:
            session.close()

    if as_json:
        _print_json({"profile": profile.name, "email": who, **report.to_json()})
    else:
        out.print(
            f"Pushed {_count(report.pushed, 'change')}, pulled {_count(report.pulled, 'change')}"
            f", {report.rejected} rejected; {_count(report.pending, 'change')} pending.",
            markup=False,
        )
        if report.changed_video_asset_ids:
            out.print(
                f"{_count(len(report.changed_video_asset_ids), 'video')} of offline courses "
                "changed: run `elearn download` for them.",
                markup=False,
            )
    if report.errors:
        raise ElearnError("; ".join(report.errors))


def _profile_and_email(
    ctx: click.Context, profile_name: str | None, email: str | None
) -> tuple[Any, str]:
    """The saved PostgreSQL profile (or --database-url) and whose offline cache to use."""
    import os

    from elearn_desktop.domain.errors import NotFoundError
    from elearn_desktop.services import profile_store
    from elearn_desktop.services.profiles import profile_from_url

    try:
        stored = profile_store.find_profile(profile_name)
        profile, saved_email = stored.profile, stored.email
    except NotFoundError:
        url = _state(ctx).database_url or os.environ.get("ELEARN_DATABASE_URL")
        if profile_name is not None or not url:
            raise
        profile, saved_email = profile_from_url(url), None
    if profile.is_embedded:
        raise ElearnError(
            f"'{profile.name}' is this computer's own database: it needs no offline copy"
        )
    who = email or saved_email
    if not who:
        raise click.UsageError("say whose offline copy with --email (the profile has none saved)")
    return profile, who


def _password_for(who: str) -> str:
    import os

    return os.environ.get("ELEARN_PASSWORD") or str(
        click.prompt(f"Password for {who}", hide_input=True)
    )


class _SyncBar:
    """A rich progress bar on stderr while the outbox is pushed."""

    def __init__(self, *, enabled: bool) -> None:
        self._enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _SyncBar:
        if self._enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err,
                transient=True,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def update(self, phase: str, done: int, total: int) -> None:
        if self._bar is None:
            return
        if self._task is None:
            self._task = self._bar.add_task("Syncing", total=total)
        label = "Sending changes" if phase == "push" else "Receiving changes"
        self._bar.update(self._task, description=label, completed=done, total=total)


@subscriptions_app.command("cancel")
@_WHO
@click.pass_context
def subscriptions_cancel(ctx: click.Context, who: str) -> None:
    """Cancel the person's live subscription (it is audited)."""
    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import support

    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine):
            changes = support.cancel_live_subscription(backend.uow, who)
    finally:
        backend.dispose()
    out.print(changes.message)


@subscriptions_app.command("extend")
@_WHO
@click.option(
    "--until",
    "until",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="New end date (YYYY-MM-DD, UTC).",
)
@click.pass_context
def subscriptions_extend(ctx: click.Context, who: str, until: Any) -> None:
    """Extend the person's live subscription to a new end date (it is audited)."""
    import datetime as dt

    from elearn_desktop.data.errors import database_errors
    from elearn_desktop.services import support

    end = until.replace(tzinfo=dt.UTC)
    backend = _with_uow(ctx)
    try:
        with database_errors(backend.engine):
            changes = support.extend_live_subscription(backend.uow, who, end_date=end)
    finally:
        backend.dispose()
    out.print(changes.message)


# ---------------------------------------------------------------------------------- main


def _fail(message: str, code: int) -> int:
    err.print(f"elearn: error: {message}", markup=False, soft_wrap=True)
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point: run a command, turn every expected failure into one line + exit code."""
    try:
        result = app(args=argv, prog_name="elearn", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx else "")
        return 0
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        return _fail(f"{exc.format_message()}{hint}", 2)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        return _fail("interrupted", 130)
    except (ElearnError, ConfigError) as exc:
        return _fail(str(exc), 1)
    except click.ClickException as exc:
        return _fail(exc.format_message(), exc.exit_code or 1)
    except Exception as exc:  # the last line of defence: no tracebacks for people
        log.exception("unexpected error")
        return _fail(f"unexpected {type(exc).__name__}: {exc}", 1)
    return int(result) if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
