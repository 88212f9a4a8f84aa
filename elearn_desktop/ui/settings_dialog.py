"""File → Settings…: servers, folders and cache, playback defaults, theme and language.

Values are read and written through ``ui/preferences`` (one place for keys and defaults).
Apply / OK check every field first and say in words what is wrong next to the field;
nothing is written until all fields are valid. Theme and language change the running app
at once; the player picks up its defaults through ``preferences_changed``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.config import data_dir
from elearn_desktop.ui import i18n, preferences
from elearn_desktop.ui.settings_profiles import FieldError, ServerProfilesPage, with_error
from elearn_desktop.ui.theme import apply_theme


def folder_problem(text: str) -> str | None:
    """Why ``text`` cannot be used as a folder we write to (None: it can, or it is empty)."""
    if not text.strip():
        return None
    path = Path(text.strip()).expanduser()
    if not path.is_absolute():
        return QT_TRANSLATE_NOOP(
            "SettingsDialog", "give the full path of the folder (starting at the top of the disk)"
        )
    if path.exists():
        if not path.is_dir():
            return QT_TRANSLATE_NOOP("SettingsDialog", "this is a file, not a folder")
        if not os.access(path, os.W_OK | os.X_OK):
            return QT_TRANSLATE_NOOP("SettingsDialog", "this folder cannot be written to")
        return None
    parent = next((p for p in path.parents if p.exists()), None)
    if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        return QT_TRANSLATE_NOOP(
            "SettingsDialog", "this folder does not exist and cannot be created here"
        )
    return None


class _FolderField(QWidget):
    def __init__(self, name: str, default: Path) -> None:
        super().__init__()
        self.default = default
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.setFocusProxy(self.edit)

    def _browse(self) -> None:
        start = self.edit.text().strip() or str(self.default)
        chosen = QFileDialog.getExistingDirectory(self, self.edit.accessibleName(), start)
        if chosen:
            self.edit.setText(chosen)


class SettingsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        profiles_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings if settings is not None else QSettings()

        self.tabs = QTabWidget()
        self.servers = ServerProfilesPage(self.settings, store_path=profiles_path)
        self.tabs.addTab(self.servers, "")
        self.tabs.addTab(self._build_storage(), "")
        self.tabs.addTab(self._build_playback(), "")
        self.tabs.addTab(self._build_appearance(), "")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.clicked.connect(self.apply)
        self.summary = QLabel()
        self.summary.setObjectName("settingsSummary")
        self.summary.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.load()
        self.retranslate()
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    # -- pages ----------------------------------------------------------------------------

    def _build_storage(self) -> QWidget:
        page = QWidget()
        from elearn_desktop.services.content_transfer import default_media_dir

        self.media_dir = _FolderField("mediaLibraryDir", default_media_dir())
        self.download_dir = _FolderField("downloadDir", data_dir() / "cache")
        self.cache_limit = QDoubleSpinBox(decimals=2, singleStep=1.0)
        self.cache_limit.setRange(preferences.MIN_CACHE_LIMIT / preferences.GIB, 4096.0)
        self.cache_limit.setSuffix(" GiB")
        self.media_error = FieldError("mediaDir")
        self.download_error = FieldError("downloadDir")
        self.media_label, self.download_label, self.cache_label = QLabel(), QLabel(), QLabel()
        self.media_label.setBuddy(self.media_dir.edit)
        self.download_label.setBuddy(self.download_dir.edit)
        self.cache_label.setBuddy(self.cache_limit)
        self.cache_note = QLabel()
        self.cache_note.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.media_label, with_error(self.media_dir, self.media_error))
        form.addRow(self.download_label, with_error(self.download_dir, self.download_error))
        form.addRow(self.cache_label, self.cache_limit)
        form.addRow(self.cache_note)
        page.setTabOrder(self.media_dir.edit, self.media_dir.browse)
        page.setTabOrder(self.media_dir.browse, self.download_dir.edit)
        page.setTabOrder(self.download_dir.edit, self.download_dir.browse)
        page.setTabOrder(self.download_dir.browse, self.cache_limit)
        return page

    def _build_playback(self) -> QWidget:
        page = QWidget()
        self.speed = QComboBox()
        for rate in preferences.PLAYBACK_RATES:
            self.speed.addItem(f"{rate:g}×", rate)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume_value = QLabel()
        self.volume.valueChanged.connect(lambda v: self.volume_value.setText(f"{v} %"))
        volume_row = QWidget()
        row = QHBoxLayout(volume_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.volume, 1)
        row.addWidget(self.volume_value)
        self.autoplay_next = QCheckBox()
        self.speed_label, self.volume_label = QLabel(), QLabel()
        self.speed_label.setBuddy(self.speed)
        self.volume_label.setBuddy(self.volume)
        form = QFormLayout(page)
        form.addRow(self.speed_label, self.speed)
        form.addRow(self.volume_label, volume_row)
        form.addRow(self.autoplay_next)
        return page

    def _build_appearance(self) -> QWidget:
        page = QWidget()
        self.theme = QComboBox()
        for key in preferences.THEMES:
            self.theme.addItem("", key)
        self.language = QComboBox()
        self.language.addItem("", preferences.SYSTEM_LANGUAGE)
        for lang in i18n.shipped_languages():
            self.language.addItem(lang.native_name, lang.code)
        self.theme_label, self.language_label = QLabel(), QLabel()
        self.theme_label.setBuddy(self.theme)
        self.language_label.setBuddy(self.language)
        form = QFormLayout(page)
        form.addRow(self.theme_label, self.theme)
        form.addRow(self.language_label, self.language)
        return page

    # -- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        for index, title in enumerate(
            (self.tr("&Servers"), self.tr("&Folders"), self.tr("Pla&yback"), self.tr("&Look"))
        ):
            self.tabs.setTabText(index, title)
        self.media_label.setText(self.tr("&Media library:"))
        self.download_label.setText(self.tr("&Downloads:"))
        self.cache_label.setText(self.tr("Offline &cache limit:"))
        self.media_dir.edit.setAccessibleName(self.tr("Media library folder"))
        self.media_dir.edit.setPlaceholderText(str(self.media_dir.default))
        self.download_dir.edit.setAccessibleName(self.tr("Download folder"))
        self.download_dir.edit.setPlaceholderText(self.tr("next to each person's offline copy"))
        for field in (self.media_dir, self.download_dir):
            field.browse.setText(self.tr("Browse…"))
            field.browse.setAccessibleName(
                self.tr("Choose the folder: {0}").format(field.edit.accessibleName())
            )
        self.cache_limit.setAccessibleName(self.tr("Offline cache limit in gibibytes"))
        self.cache_note.setText(
            self.tr(
                "Offline copies of courses are kept within this limit. "
                "An empty folder field means the default place; a new folder is used "
                "from the next sign-in."
            )
        )
        self.speed_label.setText(self.tr("Default sp&eed:"))
        self.speed.setAccessibleName(self.tr("Default playback speed"))
        self.volume_label.setText(self.tr("Default &volume:"))
        self.volume.setAccessibleName(self.tr("Default volume"))
        self.autoplay_next.setText(self.tr("Play the &next lesson when a video ends"))
        self.theme_label.setText(self.tr("&Theme:"))
        self.theme.setAccessibleName(self.tr("Theme"))
        for index, text in enumerate(
            (self.tr("Follow the system"), self.tr("Light"), self.tr("Dark"))
        ):
            self.theme.setItemText(index, text)
        self.language_label.setText(self.tr("Lan&guage:"))
        self.language.setAccessibleName(self.tr("Language"))
        self.language.setItemText(0, self.tr("Follow the system"))
        self.summary.setAccessibleName(self.tr("Settings status"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- values ---------------------------------------------------------------------------

    def load(self) -> None:
        s = self.settings
        media = preferences.media_library_dir(s)
        downloads = preferences.download_dir(s)
        self.media_dir.edit.setText(str(media) if media else "")
        self.download_dir.edit.setText(str(downloads) if downloads else "")
        self.cache_limit.setValue(preferences.cache_limit_bytes(s) / preferences.GIB)
        rate = preferences.playback_rate(s)
        self.speed.setCurrentIndex(preferences.PLAYBACK_RATES.index(rate))
        self.volume.setValue(preferences.playback_volume(s))
        self.volume_value.setText(f"{self.volume.value()} %")
        self.autoplay_next.setChecked(preferences.autoplay_next(s))
        self.theme.setCurrentIndex(preferences.THEMES.index(preferences.theme(s)))
        index = self.language.findData(preferences.language(s))
        self.language.setCurrentIndex(max(0, index))

    def validate(self) -> bool:
        """Check every field; show what is wrong next to it. True when all are fine."""
        problems = {
            self.media_error: folder_problem(self.media_dir.edit.text()),
            self.download_error: folder_problem(self.download_dir.edit.text()),
        }
        first: QWidget | None = None
        for error, problem in problems.items():
            error.show_problem(self.tr(problem) if problem else "")
            if problem and first is None:
                first = self.media_dir.edit if error is self.media_error else self.download_dir.edit
        if first is not None:
            self.tabs.setCurrentIndex(1)
            first.setFocus()
            self.summary.setText(self.tr("⚠ Some settings need fixing; nothing was changed."))
            return False
        return True

    def apply(self) -> bool:
        if not self.validate():
            return False
        s = self.settings
        s.setValue(preferences.MEDIA_LIBRARY_DIR, self.media_dir.edit.text().strip())
        s.setValue(preferences.DOWNLOAD_DIR, self.download_dir.edit.text().strip())
        s.setValue(preferences.CACHE_LIMIT, round(self.cache_limit.value() * preferences.GIB))
        s.setValue(preferences.PLAYBACK_RATE, float(self.speed.currentData()))
        s.setValue(preferences.PLAYBACK_VOLUME, self.volume.value())
        s.setValue(preferences.AUTOPLAY_NEXT, self.autoplay_next.isChecked())
        s.setValue(preferences.THEME, str(self.theme.currentData()))
        s.setValue(preferences.LANGUAGE, str(self.language.currentData()))
        s.sync()
        apply_theme(preferences.theme(s))
        i18n.apply_language(preferences.language(s))
        self.summary.setText(self.tr("✔ Settings saved."))
        preferences.notifier().preferences_changed.emit()
        return True

    def _ok(self) -> None:
        if self.apply():
            self.accept()
