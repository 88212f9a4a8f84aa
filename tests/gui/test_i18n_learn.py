"""Translations of the Learn workspace, the lesson player, downloads and the offline banner:
a switch to German changes what is on screen while the pages stay open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree import ElementTree

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.services import demo
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui import i18n
from elearn_desktop.ui.learn.course_view import CourseViewPage
from elearn_desktop.ui.learn.player import LessonPlayerPage
from elearn_desktop.ui.learn.widgets import counted, status_word
from elearn_desktop.ui.learn.workspace import LearnWorkspace
from elearn_desktop.ui.sync_controller import ModeBanner

pytestmark = pytest.mark.gui

PYTHON = demo_id("course:introduction-to-python")
INSTALLING = demo_id("lesson:introduction-to-python:0:1")  # text, in progress at 50 %
WAIT = 20_000


@pytest.fixture(autouse=True)
def _cheap_demo_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(demo, "hash_password", hasher.hash)


@pytest.fixture
def learner(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    session = sign_in(EMBEDDED_PROFILE, "learner@demo.test", "learn-demo-2026")
    yield session
    session.close()


def _nav(workspace: LearnWorkspace) -> list[str]:
    return [button.text() for button in workspace.nav_buttons.values()]


def _headers(page: CourseViewPage) -> list[str]:
    model = page.model
    return [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]


def test_switching_to_german_retranslates_the_open_learn_workspace(
    qtbot: QtBot, learner: SignedIn
) -> None:
    workspace = LearnWorkspace(learner)
    qtbot.addWidget(workspace)
    workspace.show()
    catalog = workspace.catalog
    qtbot.waitUntil(lambda: catalog.model.rowCount() > 0, timeout=WAIT)
    assert _nav(workspace) == ["Catalog", "My learning", "My progress"]
    assert catalog.tabs.tabText(1) == "Learning paths"
    assert catalog.level_filter.itemText(0) == "Any level"
    count = catalog.model.rowCount()
    assert catalog.status.text() == f"{count} published courses"

    page = workspace.open_course(PYTHON)
    qtbot.waitUntil(lambda: page.title.text() == "Introduction to Python", timeout=WAIT)
    assert workspace.back_button.text() == "‹ Back"
    assert workspace.crumb.text() == "Catalog › Introduction to Python"
    assert _headers(page) == ["Module / lesson", "Duration", "Progress"]
    summary = page.summary.text()
    assert "lessons done" in summary

    assert i18n.apply_language("de") == "de"
    qtbot.waitUntil(lambda: _nav(workspace) == ["Katalog", "Mein Lernen", "Mein Fortschritt"])
    assert workspace.back_button.text() == "‹ Zurück"
    assert workspace.back_button.toolTip() == "Zurück zu Katalog (Alt+Links)"
    # The course's name is a name, not a text: the trail keeps it.
    assert workspace.crumb.text() == "Katalog › Introduction to Python"
    assert _headers(page) == ["Modul / Lektion", "Dauer", "Fortschritt"]
    # The loaded course is shown again in German (no new load).
    assert page.summary.text() != summary
    assert "Lektionen erledigt" in page.summary.text()
    assert page.continue_button.text().startswith(("Weiter: ", "Beginnen: "))
    # Sections under the course page follow too.
    assert catalog.tabs.tabText(0) == "Kurse"
    assert catalog.tabs.tabText(1) == "Lernpfade"
    assert catalog.level_filter.itemText(0) == "Jedes Niveau"
    assert catalog.status.text() == f"{count} veröffentlichte Kurse"
    assert workspace.my_learning.courses_heading.text() == "Kurse"
    assert workspace.progress.page_heading.text() == "Mein Fortschritt"
    assert status_word("in_progress") == "Begonnen"

    i18n.apply_language("en")
    qtbot.waitUntil(lambda: _nav(workspace) == ["Catalog", "My learning", "My progress"])
    assert page.summary.text() == summary
    assert catalog.status.text() == f"{count} published courses"


def test_switching_to_german_retranslates_the_open_lesson(qtbot: QtBot, learner: SignedIn) -> None:
    page = LessonPlayerPage(learner)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.lesson_loaded, timeout=WAIT):
        page.open_lesson(INSTALLING)
    assert page.stack.currentWidget() is page.text_page
    assert page.back_button.text() == "← Back"
    assert page.status_label.text() == "In progress · 50 %"
    assert page.mark_complete_button.text() == "Mark complete"
    assert page.where_label.text().endswith("Lesson 2 of 6")
    assert page.accessibleName() == "Lesson player"

    i18n.apply_language("de")
    qtbot.waitUntil(lambda: page.back_button.text() == "← Zurück")
    assert page.status_label.text() == "Begonnen · 50 %"
    assert page.mark_complete_button.text() == "Als abgeschlossen markieren"
    assert page.where_label.text().endswith("Lektion 2 von 6")
    assert page.accessibleName() == "Lektionsplayer"
    assert page.speed_combo.toolTip() == "Wiedergabegeschwindigkeit"
    assert page.mute_button.accessibleName() in ("Stumm", "Ton an")

    i18n.apply_language("en")
    qtbot.waitUntil(lambda: page.back_button.text() == "← Back")
    assert page.status_label.text() == "In progress · 50 %"


def test_the_offline_banner_follows_a_switch(qtbot: QtBot) -> None:
    banner = ModeBanner()
    qtbot.addWidget(banner)
    banner.say(
        "The server cannot be reached. You can keep studying the courses on this "
        "computer; your progress is sent when the server is back.",
        "Study offline",
    )
    assert banner.button.text() == "Study offline"
    assert banner.text.text().startswith("The server cannot be reached.")

    i18n.apply_language("de")
    qtbot.waitUntil(lambda: banner.button.text() == "Offline lernen")
    assert banner.text.text().startswith("Der Server ist nicht erreichbar.")
    banner.say("")
    assert banner.text.text() == ""
    assert banner.isHidden()


def test_counts_use_plural_forms_in_english_and_german() -> None:
    texts = counted()
    assert (texts.lessons(1), texts.lessons(3)) == ("1 lesson", "3 lessons")
    assert texts.days_ago(2) == "2 days ago"
    i18n.apply_language("de")
    assert (texts.lessons(1), texts.lessons(3)) == ("1 Lektion", "3 Lektionen")
    assert (texts.modules(1), texts.modules(2)) == ("1 Modul", "2 Module")
    assert texts.days_ago(2) == "vor 2 Tagen"


def test_learn_downloads_and_sync_are_fully_translated_with_placeholders_intact() -> None:
    placeholder = re.compile(r"\{[^{}]*\}")
    seen = set()
    for name in ("elearn_de.ts", "elearn_en.ts"):
        root = ElementTree.parse(i18n.TRANSLATIONS_DIR / name).getroot()
        for context in root.iter("context"):
            seen.add(context.findtext("name"))
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                translation = message.find("translation")
                assert translation is not None
                assert translation.get("type") != "unfinished", (name, source)
                forms = [f.text or "" for f in translation.iter("numerusform")]
                for form in forms or [translation.text or ""]:
                    assert form.strip(), (name, source)
                    assert sorted(placeholder.findall(form)) == sorted(
                        placeholder.findall(source)
                    ), (name, source, form)
                    assert form.count("&") == source.count("&"), (name, source, form)
    learn = {"LearnWorkspace", "CatalogPage", "CourseViewPage", "PathViewPage", "ProgressPage"}
    others = {"LessonPlayerPage", "AssessmentPage", "DownloadsPage", "ModeBanner"}
    assert learn | others <= seen
