"""The main window's offline side: sync status, the mode banner, offline copies.

A mixin of :class:`~elearn_desktop.ui.main_window.MainWindow` (kept apart so the window's
module stays about the window): it starts the :class:`SyncController` for a person with an
offline cache, shows what it says in the status bar, the banner and the Downloads page,
switches the Learn workspace between the server and the offline copy, feeds the offline
copies' size budget, and queues the videos of offline courses that changed.

Reconnect during a session: sync runs by itself; while studying offline the banner then
says "Back online" and offers to reload from the server (never switching under the
learner's feet in the middle of a lesson or an attempt). When the server is lost while
working online, the banner offers "Study offline".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings

if TYPE_CHECKING:
    from elearn_desktop.services.auth import SignedIn
    from elearn_desktop.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class OfflineSyncMixin(_Base):
    # -- offline copy and sync -----------------------------------------------------------

    def _start_sync(self, session: SignedIn) -> None:
        """One sync controller per signed-in person with an offline cache (PostgreSQL)."""
        if self.sync is not None or session.cache is None or session.server is None:
            self._show_mode()
            return
        from elearn_desktop.ui.sync_controller import SyncController  # loads the sync core

        self.sync = SyncController(session, self)
        self.sync.status_changed.connect(self._sync_status_changed)
        self.sync.online_changed.connect(self._online_changed)
        self.sync.synced.connect(self._synced)
        self.sync.after_sync.append(self._queue_changed_videos)
        self.sync_now_action.setEnabled(True)
        self.dead_letters_action.setEnabled(True)
        self.sync_label.setText(
            QCoreApplication.translate("OfflineSyncMixin", "Sync: checking the server…")
        )
        self._show_mode()
        self.sync.start()

    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    def show_dead_letters(self) -> None:
        if self.sync is not None:
            self.sync.show_dead_letters(self)

    def offline_budget(self) -> Any:
        """The offline videos' size budget (limit from QSettings ``cache/limitBytes``);
        called on pool threads by the offline copies."""
        from elearn_desktop.sync.offline import DEFAULT_CACHE_LIMIT_BYTES, make_cache_budget

        assert self.session is not None
        assert self.session.cache is not None
        queue = self.download_queue
        raw = QSettings().value("cache/limitBytes", DEFAULT_CACHE_LIMIT_BYTES)
        try:
            limit: int | None = int(raw)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            limit = DEFAULT_CACHE_LIMIT_BYTES
        if limit is not None and limit <= 0:
            limit = None  # 0: no limit

        def removed(course: str, _size: int) -> None:
            if queue is not None:
                queue.remove_course(course, delete_files=False)

        return make_cache_budget(self.session.cache, limit_bytes=limit, on_removed=removed)

    def _video_locator(self) -> Any:
        session = self.session
        if session is None or session.cache is None:
            return None
        from elearn_desktop.sync.offline import not_downloaded, with_local_video

        cache, offline = session.cache, session.offline

        def locate(ctx: Any) -> Any:
            ctx = with_local_video(cache, ctx)
            return not_downloaded(ctx) if offline else ctx

        return locate

    def _offline_copy_removed(self, course_id: str) -> None:
        """The Downloads page deleted a course's videos: the course leaves the cache too."""
        session = self.session
        if session is None or session.cache is None:
            return
        import uuid

        from elearn_desktop.sync.cache import remove_offline_course
        from elearn_desktop.ui.ops import BackgroundOp

        cache = session.cache
        BackgroundOp(
            lambda: remove_offline_course(cache, uuid.UUID(course_id)),
            label="remove offline course",
        ).on_failure(
            lambda exc: self.statusBar().showMessage(
                QCoreApplication.translate(
                    "OfflineSyncMixin", "Could not remove the offline copy: {0}"
                ).format(exc)
            )
        ).run(parent=self)

    def _queue_changed_videos(self, report: Any) -> None:
        """After a sync: fetch the videos of offline courses whose content changed."""
        session, queue = self.session, self.download_queue
        courses = set(report.refreshed_course_ids)
        if session is None or session.cache is None or queue is None:
            return
        if not courses and not report.changed_video_asset_ids:
            return
        from elearn_desktop.sync.downloads.course_videos import queue_course_for_offline
        from elearn_desktop.ui.ops import BackgroundOp

        cache, budget = session.cache, self.offline_budget

        def work() -> int:
            wanted = courses or set(cache.offline_course_ids())
            queued = 0
            for course_id in wanted & set(cache.offline_course_ids()):
                queued += len(
                    queue_course_for_offline(queue, budget(), cache.uow, course_id).item_ids
                )
            return queued

        BackgroundOp(work, label="queue changed videos").on_failure(
            lambda exc: self.statusBar().showMessage(
                QCoreApplication.translate(
                    "OfflineSyncMixin", "Changed videos were not queued: {0}"
                ).format(exc)
            )
        ).run(parent=self)

    def _sync_status_changed(self, status: Any) -> None:
        self.sync_label.show_status(status)
        if self.downloads is not None:
            self.downloads.show_sync_status(status)  # type: ignore[attr-defined]
        session = self.session
        if session is not None and session.offline:
            self.connection_label.setText(
                QCoreApplication.translate("OfflineSyncMixin", "○ Offline · this computer's copy")
                if not status.online
                else QCoreApplication.translate(
                    "OfflineSyncMixin", "● Server back · this computer's copy"
                )
            )

    def _online_changed(self, online: bool) -> None:
        session = self.session
        if session is None:
            return
        if not online and self.sync is not None:
            self._server_lost_reason = self.sync.monitor.last_error or ""
        if not session.offline:
            if online:
                self.set_backend(session.backend)  # type: ignore[arg-type]
            else:
                self.show_backend_error(
                    QCoreApplication.translate("OfflineSyncMixin", "the server cannot be reached")
                )
                self.connection_label.setToolTip(self._server_lost_reason)
        self._show_mode()

    def _synced(self, report: Any) -> None:
        if report.ok and self.learn is not None:
            self._show_mode()
            if self.session is not None and self.session.offline:
                return  # the offline pages show the cache; it changed with the pull
            if report.pulled:
                self.learn.refresh()

    def _show_mode(self) -> None:
        """The banner: offline work, or the offer to switch between server and copy."""
        session, sync = self.session, self.sync
        if session is None or sync is None:
            self.banner.say("")
            return
        if session.offline:
            if sync.online and sync.last_report is not None and sync.last_report.ok:
                self.banner.say(
                    QT_TRANSLATE_NOOP(
                        "ModeBanner", "Back online — your offline changes were sent to the server."
                    ),
                    QT_TRANSLATE_NOOP("ModeBanner", "Reload from the server"),
                )
            elif sync.online:
                self.banner.say(
                    QT_TRANSLATE_NOOP(
                        "ModeBanner", "The server is back: sending your offline changes…"
                    )
                )
            else:
                self.banner.say(
                    QT_TRANSLATE_NOOP(
                        "ModeBanner",
                        "You are offline: studying this computer's copy. Your progress is kept "
                        "here and sent to the server when it is reachable again.",
                    )
                )
        elif sync.online is False:
            self.banner.say(
                QT_TRANSLATE_NOOP(
                    "ModeBanner",
                    "The server cannot be reached. You can keep studying the courses on this "
                    "computer; your progress is sent when the server is back.",
                ),
                QT_TRANSLATE_NOOP("ModeBanner", "Study offline"),
            )
            self.banner.setToolTip(self._server_lost_reason)
        else:
            self.banner.say("")

    def _banner_action(self) -> None:
        from elearn_desktop.sync.offline import offline_view, online_view

        session = self.session
        if session is None:
            return
        self.switch_session(online_view(session) if session.offline else offline_view(session))

    def switch_session(self, session: SignedIn) -> None:
        """The same person, on the server again or on the offline copy: rebuild Learn."""
        row = self.sidebar.currentRow()
        self.set_session(session)
        if not self.sidebar.item(row).isHidden():
            self.sidebar.setCurrentRow(row)
        self._show_mode()
