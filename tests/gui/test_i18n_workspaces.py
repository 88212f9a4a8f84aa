"""Translations in the Author and Support workspaces: a switch to German while they are open
changes their tab titles, headings and buttons at once; dynamic texts follow at the next
refresh; counts use plural forms in both languages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui import i18n
from elearn_desktop.ui.author.area import AuthorArea
from elearn_desktop.ui.support.workspace import SupportWorkspace

pytestmark = pytest.mark.gui

SHOTS = Path(__file__).resolve().parents[2] / "build" / "i18n-shots"


def _tabs(widget: object) -> list[str]:
    return [widget.tabText(i) for i in range(widget.count())]  # type: ignore[attr-defined]


def _header(model: object, section: int = 0) -> str:
    return str(model.headerData(section, Qt.Orientation.Horizontal))  # type: ignore[attr-defined]


def test_plural_forms_follow_the_count_in_english_and_german() -> None:
    def accounts(n: int) -> str:
        return QCoreApplication.translate("AccountsPage", "{count} account(s)", "", n).format(
            count=n
        )

    assert (accounts(1), accounts(3)) == ("1 account", "3 accounts")
    i18n.apply_language("de")
    assert (accounts(1), accounts(3)) == ("1 Konto", "3 Konten")


def test_switching_to_german_retranslates_the_author_workspace(
    qtbot: QtBot, admin: SignedIn
) -> None:
    area = AuthorArea(admin)
    qtbot.addWidget(area)
    area.resize(1200, 760)
    with qtbot.waitExposed(area):
        area.show()
    page = area.courses.courses_page
    page.all_courses.setChecked(True)  # the admin's view of every author's courses
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    assert re.fullmatch(r"\d+ courses?, \d+ drafts?", page.status.text())
    assert _tabs(area) == ["Courses", "Assessments", "Learning paths", "Insights"]
    assert page.title.text() == "My courses"
    assert _header(page.model) == "Title"

    assert i18n.apply_language("de") == "de"
    qtbot.waitUntil(lambda: area.tabText(0) == "Kurse")
    assert _tabs(area) == ["Kurse", "Tests", "Lernpfade", "Auswertungen"]
    assert area.tabToolTip(0) == "Ihre Kurse: erstellen, bearbeiten, veröffentlichen"
    # The course list: heading, buttons, filter, and the column headers (shown live).
    assert page.title.text() == "Meine Kurse"
    assert page.new_button.text() == "Neuer Kurs…"
    assert page.open_button.text() == "Öffnen"
    assert page.status_filter.itemText(0) == "Alle Status"
    assert page.filter.placeholderText() == "Kurse filtern…"
    assert _header(page.model) == "Titel"
    # The list-and-editor tabs and the course editor's menus and actions.
    assert area.assessments.new_button.text() == "Neuer Test"
    assert area.paths.search.placeholderText() == "Lernpfade filtern…"
    editor = area.courses.editor
    assert editor.edit_menu.title() == "&Bearbeiten"
    assert editor.add_module_action.text() == "&Modul hinzufügen"
    assert editor.back_action.text() == "← Meine Kurse"
    assert editor.panel.save_button.text() == "Speichern"
    assert editor.panel.publish_button.text() == "Veröffentlichen…"
    assert area.assessment_editor.save_button.text() == "Speichern"
    assert area.assessment_editor.add_question_button.text() == "Frage hinzufügen"
    assert area.path_editor.add_step_button.text() == "Schritte hinzufügen…"
    assert area.insights.title.text() == "Kursauswertungen"
    # Dynamic text follows at the next refresh, with German plural forms.
    page.refresh()
    qtbot.waitUntil(
        lambda: re.fullmatch(r"\d+ Kurse?, \d+ Entw(urf|ürfe)", page.status.text()) is not None,
        timeout=10_000,
    )
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        area.grab().save(str(SHOTS / "author-de.png"))
    # A course opened after the switch is shown in German throughout.
    area.courses.open_course(page.model.record(0).id)
    qtbot.waitUntil(lambda: editor.course is not None, timeout=10_000)
    assert editor.title_label.text().endswith(("Entwurf", "Veröffentlicht", "Archiviert"))
    assert editor.undo_action.text() == "&Rückgängig"
    assert editor.panel.heading.text() == "Kurs"
    assert editor.panel.course_title.widget.accessibleName() == "Titel"
    assert _header(editor.model) == "Titel"
    if SHOTS.parent.exists():
        area.grab().save(str(SHOTS / "course-editor-de.png"))
    area.courses.show_courses()

    i18n.apply_language("en")
    qtbot.waitUntil(lambda: area.tabText(0) == "Courses")
    assert page.title.text() == "My courses"
    assert editor.add_module_action.text() == "Add &module"


def test_switching_to_german_retranslates_the_support_workspace(
    qtbot: QtBot, admin: SignedIn
) -> None:
    workspace = SupportWorkspace(admin)
    qtbot.addWidget(workspace)
    workspace.resize(1200, 760)
    with qtbot.waitExposed(workspace):
        workspace.show()
    page = workspace.accounts_page
    qtbot.waitUntil(lambda: page.status.text().endswith(" accounts"), timeout=10_000)
    view = workspace.open_account(admin.user.id)
    qtbot.waitUntil(lambda: view.detail is not None, timeout=10_000)
    preview = workspace.view_as_learner(admin.user.id)
    assert _tabs(workspace.tabs)[:3] == ["Accounts", "Plans", "Insights"]
    assert _tabs(view.tabs)[0] == "Profile"

    i18n.apply_language("de")
    qtbot.waitUntil(lambda: workspace.tabs.tabText(0) == "Konten")
    assert _tabs(workspace.tabs)[:3] == ["Konten", "Tarife", "Auswertungen"]
    assert workspace.close_action.text() == "Tab schließen"
    preview_tab = workspace.tabs.indexOf(preview)
    assert workspace.tabs.tabText(preview_tab) == "Als Ada Admin (nur lesen)"
    assert preview.reload_button.text() == "Neu laden"
    assert preview.banner_text.text().startswith("Sie sehen das Lernen von Ada Admin")
    # The search page: heading, search field, filters, buttons, column headers (live).
    assert page.page_heading.text() == "Konten"
    assert page.search.placeholderText() == "Nach E-Mail, Name oder ID suchen…"
    assert page.status_filter.itemText(1) == "Aktiv"
    assert page.clear_filters.text() == "Filter zurücksetzen"
    assert page.open_button.text() == "Öffnen"
    assert _header(page.model) == "E-Mail"
    # An open account: its tabs and buttons.
    assert _tabs(view.tabs) == [
        "Profil",
        "Rollen",
        "Abonnements",
        "Lernen",
        "Versuche",
        "Geräte && Synchronisation",
        "Änderungsprotokoll",
    ]
    assert view.refresh_button.text() == "Aktualisieren"
    assert view.roles_tab.grant_button.text() == "Rolle vergeben…"
    assert view.subscriptions_tab.cancel_button.text() == "Abonnement kündigen…"
    assert _header(view.subscriptions_tab.model) == "Tarif"
    assert view.profile_tab.values["email"].accessibleName() == "E-Mail"
    assert view.active_button.text() == "Deaktivieren…"
    assert view.flags.text().startswith("● Aktiv · ✓ Bestätigt · ")
    # Plans and insights pages.
    assert workspace.plans_page.page_heading.text() == "Tarife"
    assert workspace.plans_page.new_button.text() == "Neuer Tarif"
    assert workspace.insights_page.page_heading.text() == "Auswertungen"
    # Dynamic text follows at the next search, with German plural forms.
    page.refresh()
    qtbot.waitUntil(
        lambda: re.fullmatch(r"[\d.,]+ Konten?", page.status.text()) is not None, timeout=10_000
    )
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        workspace.tabs.setCurrentIndex(0)
        workspace.grab().save(str(SHOTS / "support-de.png"))
        workspace.tabs.setCurrentWidget(view)
        view.tabs.setCurrentIndex(2)
        workspace.grab().save(str(SHOTS / "account-de.png"))

    i18n.apply_language("en")
    qtbot.waitUntil(lambda: workspace.tabs.tabText(0) == "Accounts")
    assert _tabs(view.tabs)[0] == "Profile"
    assert _header(page.model) == "Email"


def _messages(name: str) -> list[tuple[str, str, list[str]]]:
    """(context, source, translations) of every message in a catalogue."""
    root = ET.parse(i18n.TRANSLATIONS_DIR / name).getroot()
    found = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            found.append(
                (
                    context.findtext("name") or "",
                    message.findtext("source") or "",
                    forms or [translation.text or ""],
                )
            )
    return found


def test_author_and_support_are_fully_translated_with_placeholders_intact() -> None:
    german = _messages("elearn_de.ts")
    contexts = {context for context, _source, _forms in german}
    for context in ("AuthorArea", "CourseEditor", "AuthoringCommand", "SupportWorkspace"):
        assert context in contexts
    for context in ("AccountView", "AccountsTableModel", "Support", "ErrorDialog"):
        assert context in contexts
    for name in ("elearn_de.ts", "elearn_en.ts"):
        text = (i18n.TRANSLATIONS_DIR / name).read_text(encoding="utf-8")
        assert 'type="unfinished"' not in text, name
    placeholder = re.compile(r"\{[^{}]*\}")
    for context, source, forms in german + _messages("elearn_en.ts"):
        for form in forms:
            assert form.strip(), (context, source)
            assert sorted(placeholder.findall(form)) == sorted(placeholder.findall(source)), (
                context,
                source,
                form,
            )
