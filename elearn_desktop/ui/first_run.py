"""The welcome page: what the three workspaces are for, and the demo accounts.

Shown once, the first time someone signs in to the embedded database (QSettings flag
``firstRun/shown``); Help → Welcome and demo accounts opens it again at any time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.demo import DEMO_ACCOUNTS
from elearn_desktop.ui import preferences


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.heading = QLabel()
        self.heading.setObjectName("firstRunHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)  # relative: follows the system font
        self.heading.setFont(font)
        self.intro = QLabel()
        self.workspaces = QLabel()
        self.workspaces.setObjectName("workspacesText")
        self.accounts_intro = QLabel()
        for label in (self.intro, self.workspaces, self.accounts_intro):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.workspaces.setTextFormat(Qt.TextFormat.RichText)

        self.accounts = QTableWidget(len(DEMO_ACCOUNTS), 3)
        self.accounts.setObjectName("demoAccounts")
        self.accounts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts.verticalHeader().hide()
        self.accounts.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        header = self.accounts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, account in enumerate(DEMO_ACCOUNTS):
            self.accounts.setItem(row, 0, QTableWidgetItem(account.email))
            self.accounts.setItem(row, 1, QTableWidgetItem(account.password))
            self.accounts.setItem(row, 2, QTableWidgetItem(""))
        self.accounts.setCurrentCell(0, 0)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.intro, self.workspaces, self.accounts_intro):
            layout.addWidget(widget)
        layout.addWidget(self.accounts)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.accounts, self.buttons)
        self.retranslate()
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _roles_text(self, roles: tuple[str, ...]) -> str:
        names = {
            "learner": self.tr("Learn"),
            "instructor": self.tr("Learn, Author"),
            "support": self.tr("Learn, Support"),
            "admin": self.tr("Learn, Author, Support (administrator)"),
        }
        for role in ("admin", "support", "instructor", "learner"):
            if role in roles:
                return names[role]
        return ", ".join(roles)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to elearn"))
        self.heading.setText(self.tr("Welcome to elearn"))
        self.intro.setText(
            self.tr(
                "This computer runs its own embedded database, filled with demo courses, "
                "so you can try everything without a server. Which workspaces you see "
                "depends on the account you sign in with:"
            )
        )
        items = (
            (
                self.tr("Learn"),
                self.tr(
                    "browse the catalog, watch lessons, take assessments and follow learning paths."
                ),
            ),
            (
                self.tr("Author"),
                self.tr(
                    "instructors build courses, modules and lessons, "
                    "assessments and learning paths."
                ),
            ),
            (
                self.tr("Support"),
                self.tr(
                    "support staff look up accounts, their progress "
                    "and subscriptions, and fix account problems."
                ),
            ),
        )
        self.workspaces.setText(
            "<ul>" + "".join(f"<li><b>{name}</b> — {text}</li>" for name, text in items) + "</ul>"
        )
        self.accounts_intro.setText(
            self.tr(
                "Demo accounts (sign out from the File menu to switch). This page is "
                "always under Help → Welcome and demo accounts."
            )
        )
        self.accounts.setHorizontalHeaderLabels(
            [self.tr("Email"), self.tr("Password"), self.tr("Workspaces")]
        )
        self.accounts.setAccessibleName(self.tr("Demo accounts"))
        for row, account in enumerate(DEMO_ACCOUNTS):
            item = self.accounts.item(row, 2)
            item.setText(self._roles_text(account.roles))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def show_first_run(parent: QWidget) -> FirstRunDialog:
    """Open the welcome page without blocking (window-modal over ``parent``)."""
    dialog = FirstRunDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def maybe_show_first_run(parent: QWidget, session: SignedIn) -> FirstRunDialog | None:
    """On the first sign-in to the embedded database, show the welcome page once."""
    if not session.profile.is_embedded or preferences.first_run_shown():
        return None
    preferences.set_first_run_shown()
    return show_first_run(parent)
