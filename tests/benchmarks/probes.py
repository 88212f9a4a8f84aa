"""The GUI side of the benchmarks: each probe runs in its own process, offscreen.

    QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.probes NAME '{"json": "args"}'

A probe prints one line ``BENCH {json}`` with what it measured. Probes import Qt and the
app lazily, inside the probe, so that the start-up probes measure exactly what they start.
``BENCH_T0`` (the parent's ``time.time()`` just before it started the process) is the
origin of the start-up probes' clocks.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULT_PREFIX = "BENCH "


def _emit(result: dict[str, Any]) -> None:
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _since_t0() -> float:
    return time.time() - float(os.environ["BENCH_T0"])


def _wait_until(condition: Callable[[], bool], timeout_s: float = 300.0) -> None:
    """Run the event loop until ``condition()`` holds (checked every millisecond)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    failed: list[bool] = []

    def check() -> None:
        if condition():
            loop.quit()
        elif time.monotonic() > deadline:
            failed.append(True)
            loop.quit()

    timer = QTimer(interval=1)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if failed:
        raise TimeoutError(f"gave up waiting after {timeout_s:.0f} s")


def _shown(widget: Any) -> None:
    """Wait until ``widget``'s window is exposed (painting before that is a no-op)."""
    from PySide6.QtTest import QTest

    if not QTest.qWaitForWindowExposed(widget, 10_000):
        raise TimeoutError("the window was never exposed")


class _PaintWatch:
    """Notes when a widget has been painted (the time after the paint event ran)."""

    def __init__(self, widget: Any, when: Callable[[], bool] = lambda: True) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.painted_at: float | None = None
        watch = self

        class _Filter(QObject):
            def eventFilter(self, _obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint and watch.painted_at is None and when():
                    QTimer.singleShot(0, watch.mark)
                return False

        self._filter = _Filter()
        widget.installEventFilter(self._filter)

    def mark(self) -> None:
        if self.painted_at is None:
            self.painted_at = time.perf_counter()


# ----------------------------------------------------------------------- workload 1 / 12


def _show_until_painted(app: Any, window: Any) -> None:
    """Show ``window``, report when its first paint has been handled, quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        def eventFilter(self, _obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        # cpu_ms: the process's CPU time (less noisy than wall time on a shared machine).
        _emit({"t": _since_t0(), "rss_mb": rss_mb(), "cpu_ms": time.process_time() * 1000})
        app.quit()

    painted = Painted()
    window.installEventFilter(painted)
    window.show()
    app.exec()


def probe_bare_window(_args: dict[str, Any]) -> None:
    """A bare PySide6 script that shows an empty QMainWindow (the start-up baseline)."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1200, 760)
    _show_until_painted(app, window)


def probe_chrome_window(args: dict[str, Any]) -> None:
    """Not a workload: the floor of workload 1 (docs/decisions.md, "Start-up"). A pure
    PySide6 script, no app code, showing a window with the app shell's chrome: a menu bar
    of three menus and 13 actions with shortcuts, a sidebar with four SVG icons, a stacked
    page of centred labels, five status-bar labels. Built as the app builds its shell,
    without touching ``Qt``'s namespace (ui/early_qt.py); ``{"qt_enums": true}`` builds it
    the plain way (``Qt.AlignmentFlag``, ``setShortcut``), which creates all of ``Qt``'s
    Python enums (~11 ms).

        BENCH_T0=$(python -c 'import time; print(time.time())') QT_QPA_PLATFORM=offscreen \
            python -m tests.benchmarks.probes chrome_window ['{"qt_enums": true}']
    """
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QAction, QIcon, QKeySequence
    from PySide6.QtWidgets import (
        QApplication,
        QHBoxLayout,
        QLabel,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QStackedWidget,
        QWidget,
    )

    icons = Path(__file__).resolve().parents[2] / "resources" / "icons"
    app = QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icons / "app.svg")))
    window = QMainWindow()
    window.resize(1100, 720)
    sidebar = QListWidget()
    sidebar.setIconSize(QSize(24, 24))
    sidebar.setFixedWidth(150)
    stack = QStackedWidget()
    for title, name in (("Learn", "learn"), ("Author", "author"), ("Support", "support")):
        item = QListWidgetItem(QIcon(str(icons / f"{name}.svg")), title)
        item.setSizeHint(QSize(140, 40))
        sidebar.addItem(item)
        label = QLabel("Opening your workspace…")
        if args.get("qt_enums"):
            from PySide6.QtCore import Qt

            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        else:
            label.setProperty("alignment", 0x0084)  # Qt.AlignmentFlag.AlignCenter
        stack.addWidget(label)
    sidebar.addItem(QListWidgetItem(QIcon(str(icons / "sync.svg")), "Downloads"))
    central = QWidget()
    row = QHBoxLayout(central)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(sidebar)
    row.addWidget(stack, 1)
    window.setCentralWidget(central)
    sidebar.setCurrentRow(0)
    for title, count in (("&File", 6), ("&View", 4), ("&Help", 3)):
        menu = window.menuBar().addMenu(title)
        for k in range(count):
            action = QAction(f"Action {k}", window)
            if args.get("qt_enums"):
                action.setShortcut(QKeySequence(f"Ctrl+{k + 1}"))
            else:
                action.setShortcuts([QKeySequence(f"Ctrl+{k + 1}")])
            menu.addAction(action)
    for text in ("Signing in as …", "Opening…", ""):
        window.statusBar().addWidget(QLabel(text))
    for text in ("Sync: —", "No downloads"):
        window.statusBar().addPermanentWidget(QLabel(text))
    _show_until_painted(app, window)


def probe_app_start(_args: dict[str, Any]) -> None:
    """The app's real start-up, signed in to the embedded demo by the test hook.

    ``ui.application.run`` as ``elearn-desktop`` runs it (logging, the application object,
    saved appearance, the single-instance check, the window's shell), with the demo admin
    given by ``run(sign_in_with=StartupSignIn(...))`` instead of typed into the dialog.
    ``t``: the main window's first paint; ``ready``: signed in and the first workspace
    painted with its content (the app's ``AppController.ready``).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    from elearn_desktop.ui.application import SMOKE_ACCOUNT, StartupSignIn, run

    result: dict[str, Any] = {}
    keep: list[Any] = []

    class Painted(QObject):
        def eventFilter(self, _obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and "painting" not in result:
                result["painting"] = True
                QTimer.singleShot(0, painted)
            return False

    def painted() -> None:
        result.update(t=_since_t0(), rss_mb=rss_mb(), cpu_ms=time.process_time() * 1000)

    def observe(controller: Any) -> None:
        controller.ask_again_on_failure = False  # report the failure, no dialog

        def created(window: Any) -> None:
            keep.append(Painted(window))
            window.installEventFilter(keep[-1])

        def ready(_window: Any) -> None:
            result.update(ready=_since_t0(), ready_rss_mb=rss_mb())
            controller.app.quit()

        def failed(message: str) -> None:
            result.update(error=message)
            controller.app.quit()

        controller.window_created.connect(created)
        controller.ready.connect(ready)
        controller.sign_in_failed.connect(failed)

    run(
        argv=sys.argv,
        sign_in_with=StartupSignIn(None, *SMOKE_ACCOUNT),  # None: the embedded database
        observe=observe,
    )
    if "error" not in result and ("t" not in result or "ready" not in result):
        result["error"] = "the app ended before its window was ready"
    _emit({k: v for k, v in result.items() if k != "painting"})


# ----------------------------------------------------------------------- workloads 2, 3, 12


def _sign_in(email: str, password: str) -> Any:
    from elearn_desktop.services.auth import sign_in
    from elearn_desktop.services.profiles import EMBEDDED_PROFILE

    return sign_in(EMBEDDED_PROFILE, email, password)


def _tree_baseline(db: str, course_id: str, expand_rows: list[int]) -> dict[str, Any]:
    """QStandardItemModel of the module rows fetched by one raw SQL query, painted."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    view = QTreeView()
    view.resize(900, 700)
    view.setUniformRowHeights(True)
    view.show()
    _shown(view)
    conn = sqlite3.connect(db)
    started = time.perf_counter()
    rows = conn.execute(
        "SELECT id, title, order_index FROM modules WHERE course_id = ? ORDER BY order_index",
        (uuid.UUID(course_id).hex,),
    ).fetchall()
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Title", "Details", "Duration"])
    items = []
    for row_id, title, _order in rows:
        item = QStandardItem(title)
        item.setData(row_id)
        items.append(item)
        model.appendRow([item, QStandardItem(""), QStandardItem("")])
    view.setModel(model)
    view.viewport().repaint()
    paint_ms = (time.perf_counter() - started) * 1000
    if not rows:
        raise RuntimeError("the baseline query found no modules")
    expand = []
    for k in expand_rows:
        item = items[k]
        view.scrollTo(item.index())
        view.viewport().repaint()
        started = time.perf_counter()
        lessons = conn.execute(
            "SELECT id, title, duration FROM lessons WHERE module_id = ? ORDER BY order_index",
            (item.data(),),
        ).fetchall()
        for _lid, title, duration in lessons:
            item.appendRow(
                [QStandardItem(title), QStandardItem(""), QStandardItem(f"{duration} min")]
            )
        view.expand(item.index())
        view.viewport().repaint()
        expand.append((time.perf_counter() - started) * 1000)
    conn.close()
    view.close()
    return {"paint_ms": paint_ms, "expand_ms": expand}


def probe_tree(args: dict[str, Any]) -> None:
    """Open the huge course in the real course editor: first paint, expanding a module."""
    from PySide6.QtWidgets import QApplication

    from elearn_desktop.ui.gc_guard import collect_on_gui_thread

    app = QApplication(sys.argv)
    # As the app does at start-up (ui/application.py): no automatic garbage collection on
    # the editor's worker thread, where a collection stalls the load (and may deadlock).
    collect_on_gui_thread(app)
    del app
    session = _sign_in(args["email"], args["password"])
    modules = int(args["modules"])
    expand_rows = sorted({(k * 37) % modules for k in range(int(args["expands"]))})
    base = _tree_baseline(args["db"], args["course_id"], expand_rows)

    from elearn_desktop.ui.author.course_editor import CourseEditor

    backend = session.backend
    editor = CourseEditor(
        uow_factory=backend.uow, actor=session.user, media_dir=Path(args["media_dir"])
    )
    editor.resize(1200, 760)
    editor.show()
    _shown(editor)
    model, tree = editor.model, editor.tree
    watch = _PaintWatch(tree.viewport(), when=lambda: model.rowCount() > 0)
    started = time.perf_counter()
    editor.open_course(uuid.UUID(args["course_id"]))
    _wait_until(lambda: watch.painted_at is not None)
    assert watch.painted_at is not None
    open_ms = (watch.painted_at - started) * 1000
    rss = rss_mb()
    course_index = model.index(0, 0)
    if model.rowCount(course_index) != modules:
        raise RuntimeError(f"the tree shows {model.rowCount(course_index)} modules, not {modules}")
    tree.collapseAll()
    tree.expand(course_index)
    tree.viewport().repaint()
    expand = []
    for k in expand_rows:
        index = model.index(k, 0, course_index)
        tree.scrollTo(index)
        tree.viewport().repaint()
        started = time.perf_counter()
        tree.expand(index)
        # The editor fetches a module's lessons when it is expanded, off the GUI thread:
        # the expand is done when they are in the tree.
        _wait_until(lambda index=index: model.rowCount(index) > 0)
        tree.viewport().repaint()
        expand.append((time.perf_counter() - started) * 1000)
    editor.close()
    session.close()
    _emit(
        {
            "open_ms": open_ms,
            "base_open_ms": base["paint_ms"],
            "expand_ms": expand,
            "base_expand_ms": base["expand_ms"],
            "rss_mb": rss,
        }
    )


# ----------------------------------------------------------------------- workload 5


def _ctrl_a_ms(view: Any, repeats: int) -> list[float]:
    """Ctrl+A on ``view`` then a synchronous repaint, ``repeats`` times (ms each)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times = []
    for _ in range(repeats):
        view.clearSelection()
        view.viewport().repaint()
        view.setFocus()
        started = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        view.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    return times


def probe_accounts(args: dict[str, Any]) -> None:
    """Ctrl+A then repaint on the support accounts table vs the same on a QStringListModel."""
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QApplication, QListView

    from elearn_desktop.ui.support.accounts_page import AccountsPage

    app = QApplication(sys.argv)
    del app
    total = int(args["total"])
    repeats = int(args["repeats"])
    strings = [f"person{i:06d}@bulk.test" for i in range(total)]
    view = QListView()
    view.setUniformItemSizes(True)
    view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
    view.resize(1200, 760)
    view.setModel(QStringListModel(strings))
    view.show()
    _shown(view)
    base = _ctrl_a_ms(view, repeats)
    if len(view.selectionModel().selectedIndexes()) != total:
        raise RuntimeError("the baseline's Ctrl+A did not select every row")
    view.close()

    session = _sign_in(args["email"], args["password"])
    page = AccountsPage(session)
    page.resize(1200, 760)
    page.show()
    _shown(page)
    page.refresh()  # as the support workspace does when it is first shown
    model, table = page.model, page.table
    _wait_until(lambda: model.rowCount() == total)
    _wait_until(lambda: model.index(0, 0).data() not in ("Loading…", None))
    ours = _ctrl_a_ms(table, repeats)
    if model.selected_count(table.selectionModel().selection()) != total:
        raise RuntimeError("Ctrl+A did not select every account")
    page.close()
    session.close()
    _emit({"ours_ms": ours, "base_ms": base})


# ----------------------------------------------------------------------- workload 9


def _exit_now() -> None:
    """End the process at once, without stopping the player.

    ``QMediaPlayer.stop()`` keeps the GIL while it waits for the FFmpeg backend's audio
    thread, which may itself be waiting for the GIL (shiboken looks for a Python override
    of a virtual on the ``QAudioOutput`` made in Python): a deadlock seen here with
    PySide6 6.11. What was measured is printed already; the OS frees the rest.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _first_frame(sink: Any, started: float) -> Callable[[], float | None]:
    seen: list[float] = []

    def frame(video_frame: Any) -> None:
        if not seen and video_frame.isValid():
            seen.append((time.perf_counter() - started) * 1000)

    sink.videoFrameChanged.connect(frame)
    return lambda: seen[0] if seen else None


def probe_video_bare(args: dict[str, Any]) -> None:
    """QMediaPlayer on the file in a bare script: time to the first video frame."""
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    del app
    started = time.perf_counter()
    player = QMediaPlayer()
    audio = QAudioOutput()
    player.setAudioOutput(audio)
    widget = QVideoWidget()
    widget.resize(900, 600)
    widget.show()
    player.setVideoOutput(widget)
    first = _first_frame(widget.videoSink(), started)
    player.setSource(QUrl.fromLocalFile(args["file"]))
    player.play()
    _wait_until(lambda: first() is not None, 30)
    _emit({"ms": first()})
    _exit_now()


def probe_video_app(args: dict[str, Any]) -> None:
    """The learner's player opening a lesson whose video is on this computer."""
    from PySide6.QtWidgets import QApplication

    from elearn_desktop.ui.learn.player import LessonPlayerPage
    from elearn_desktop.ui.multimedia import probe_multimedia, warm_up

    app = QApplication(sys.argv)
    del app
    # What the app does after its first paint (ui.application.load_optional_modules):
    # load QtMultimedia, then start its backend.
    if not probe_multimedia().available:
        raise RuntimeError(probe_multimedia().message)
    warm_up()
    session = _sign_in(args["email"], args["password"])
    page = LessonPlayerPage(session)
    page.resize(900, 600)
    page.show()
    _shown(page)
    started = time.perf_counter()
    page.open_lesson(uuid.UUID(args["lesson_id"]))
    _wait_until(lambda: page.video_widget is not None, 30)
    first = _first_frame(page.video_widget.videoSink(), started)
    _wait_until(lambda: first() is not None, 30)
    _emit({"ms": first()})
    _exit_now()


# ----------------------------------------------------------------------- workload 10


def probe_download(args: dict[str, Any]) -> None:
    """The app's downloader fetching one file (no Qt: this is the sync layer's work)."""
    from elearn_desktop.sync.downloads.files import DownloadRequest
    from elearn_desktop.sync.downloads.transfer import Downloader

    request = DownloadRequest(
        source=args["url"],
        dest=Path(args["dest"]),
        expected_size=args.get("size"),
        sha256=args.get("sha256"),
        overwrite=True,
    )
    # The app imports these once, at its first download: not timed here. httpx 0.28
    # imports httpcore (its HTTP engine) only when a client is made, so both are named.
    import httpcore
    import httpx

    del httpx, httpcore
    with Downloader(backoff_base=0.05) as downloader:
        started = time.perf_counter()
        result = downloader.fetch(request)
        seconds = time.perf_counter() - started
    _emit({"s": seconds, "size": Path(args["dest"]).stat().st_size, "result": str(result)[:200]})


# ----------------------------------------------------------------------- workload 11


def _lag_probe(work: Callable[[], Any], *, interval_ms: int = 5) -> dict[str, Any]:
    """Run ``work`` as the app does (a BackgroundOp) while a QTimer measures its lateness."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from elearn_desktop.ui.ops import BackgroundOp

    lags: list[float] = []
    last = [time.perf_counter()]
    state: dict[str, Any] = {}

    def tick() -> None:
        now = time.perf_counter()
        lags.append(max(0.0, (now - last[0]) * 1000 - interval_ms))
        last[0] = now

    timer = QTimer(interval=interval_ms)
    timer.timeout.connect(tick)
    timer.start()
    holder = QCoreApplication.instance()
    assert holder is not None
    started = time.perf_counter()
    BackgroundOp(work, label="bench work").on_success(lambda r: state.update(result=r)).on_failure(
        lambda e: state.update(error=str(e))
    ).run(parent=holder)
    _wait_until(lambda: bool(state), 600)
    timer.stop()
    if "error" in state:
        raise RuntimeError(state["error"])
    return {
        "max_lag_ms": max(lags) if lags else 0.0,
        "ticks": len(lags),
        "work_s": time.perf_counter() - started,
    }


def probe_stall_download(args: dict[str, Any]) -> None:
    from PySide6.QtWidgets import QApplication

    from elearn_desktop.sync.downloads.files import DownloadRequest
    from elearn_desktop.sync.downloads.transfer import Downloader

    app = QApplication(sys.argv)
    del app
    request = DownloadRequest(source=args["url"], dest=Path(args["dest"]), overwrite=True)
    with Downloader() as downloader:
        result = _lag_probe(lambda: downloader.fetch(request))
    _emit(result)


def probe_stall_push(args: dict[str, Any]) -> None:
    """A signed-in app's sync of a big outbox, as the app's process runs it: the app's
    QApplication (``create_application``: cyclic garbage collected by a GUI-thread timer),
    and the start-up's objects frozen as ``AppController.open_window`` does."""
    from elearn_desktop.services.auth import sign_in
    from elearn_desktop.services.profiles import ServerProfile
    from elearn_desktop.sync.cache import open_cache
    from elearn_desktop.sync.engine import SyncEngine
    from elearn_desktop.ui.application import create_application
    from elearn_desktop.ui.gc_guard import freeze_start_up

    create_application(sys.argv)
    profile = ServerProfile(**args["profile"])
    session = sign_in(profile, args["email"], args["password"])
    cache = open_cache(Path(args["cache_dir"]), bytes.fromhex(args["key"]))
    backend = session.backend
    engine = SyncEngine(profile, cache, lambda: backend, device_name="stall")

    def push() -> int:
        report = engine.sync_once()
        if not report.ok:
            raise RuntimeError("; ".join(report.errors))
        return report.pushed

    freeze_start_up()
    result = _lag_probe(push)
    engine.close()
    cache.close()
    session.close()
    _emit(result)


PROBES: dict[str, Callable[[dict[str, Any]], None]] = {
    "bare_window": probe_bare_window,
    "app_start": probe_app_start,
    "chrome_window": probe_chrome_window,
    "tree": probe_tree,
    "accounts": probe_accounts,
    "video_bare": probe_video_bare,
    "video_app": probe_video_app,
    "download": probe_download,
    "stall_download": probe_stall_download,
    "stall_push": probe_stall_push,
}


if __name__ == "__main__":
    import faulthandler

    # A hang in native code (Qt, FFmpeg) ends the probe with every thread's stack.
    faulthandler.dump_traceback_later(float(os.environ.get("BENCH_PROBE_TIMEOUT", 600)), exit=True)
    if "BENCH_T0" not in os.environ:  # the probes time from their parent's clock
        sys.exit(
            "set BENCH_T0 to the time the process is started, e.g.\n"
            "  BENCH_T0=$(date +%s.%N) QT_QPA_PLATFORM=offscreen "
            f"python -m tests.benchmarks.probes {sys.argv[1] if len(sys.argv) > 1 else '<probe>'}"
        )
    PROBES[sys.argv[1]](json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})
