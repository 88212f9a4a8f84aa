"""The person's preferences in QSettings: every key and default in one place, typed getters.

Other code reads preferences only through this module (``preferences.cache_limit_bytes()``,
``preferences.playback_rate()``…), so a key is spelled once and a damaged value falls
back to its default instead of raising. ``notifier().preferences_changed`` fires after the
settings dialog applied a change, so open widgets can pick it up without a restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

# -- keys ---------------------------------------------------------------------------------

THEME = "appearance/theme"
LANGUAGE = "appearance/language"
CACHE_LIMIT = "cache/limitBytes"
MEDIA_LIBRARY_DIR = "folders/mediaLibrary"
DOWNLOAD_DIR = "folders/downloads"
PLAYBACK_RATE = "player/rate"
PLAYBACK_VOLUME = "player/volume"
AUTOPLAY_NEXT = "player/autoplayNext"
FIRST_RUN_SHOWN = "firstRun/shown"
#: Signed in with "Remember me": the next start signs in by itself (until signing out).
AUTO_SIGN_IN = "signIn/autoSignIn"
LAST_PROFILE = "signIn/lastProfile"
LAST_EMAIL = "signIn/lastEmail"

# -- defaults and allowed values ----------------------------------------------------------

GIB = 1024**3
DEFAULT_CACHE_LIMIT = 10 * GIB
#: The smallest cache limit the dialog accepts (a single lesson video can be this large).
MIN_CACHE_LIMIT = GIB // 4
THEMES = ("system", "light", "dark")
PLAYBACK_RATES = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
DEFAULT_RATE = 1.0
DEFAULT_VOLUME = 100
#: "" follows the system's language.
SYSTEM_LANGUAGE = ""


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def _bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
    return default


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload,no-any-return]
    except (TypeError, ValueError):
        return default


def _float(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _folder(value: object) -> Path | None:
    text = str(value).strip() if value is not None else ""
    return Path(text).expanduser() if text else None


# -- getters ------------------------------------------------------------------------------


def theme(settings: QSettings | None = None) -> str:
    value = str(_settings(settings).value(THEME, "system"))
    return value if value in THEMES else "system"


def language(settings: QSettings | None = None) -> str:
    """The chosen language code ("de", "en"), or "" to follow the system."""
    return str(_settings(settings).value(LANGUAGE, SYSTEM_LANGUAGE) or "").strip()


def cache_limit_bytes(settings: QSettings | None = None) -> int:
    """How large the offline cache may grow (``cache/limitBytes``, default 10 GiB)."""
    value = _int(_settings(settings).value(CACHE_LIMIT, DEFAULT_CACHE_LIMIT), DEFAULT_CACHE_LIMIT)
    return value if value >= MIN_CACHE_LIMIT else DEFAULT_CACHE_LIMIT


def media_library_dir(settings: QSettings | None = None) -> Path | None:
    """The folder chosen for the media library; None means the default place."""
    return _folder(_settings(settings).value(MEDIA_LIBRARY_DIR, ""))


def download_dir(settings: QSettings | None = None) -> Path | None:
    """The folder chosen for downloaded lessons; None means the default place."""
    return _folder(_settings(settings).value(DOWNLOAD_DIR, ""))


def playback_rate(settings: QSettings | None = None) -> float:
    value = _float(_settings(settings).value(PLAYBACK_RATE, DEFAULT_RATE), DEFAULT_RATE)
    return value if value in PLAYBACK_RATES else DEFAULT_RATE


def playback_volume(settings: QSettings | None = None) -> int:
    value = _int(_settings(settings).value(PLAYBACK_VOLUME, DEFAULT_VOLUME), DEFAULT_VOLUME)
    return min(max(value, 0), 100)


def autoplay_next(settings: QSettings | None = None) -> bool:
    """Go on to the next lesson by itself when a video ends."""
    return _bool(_settings(settings).value(AUTOPLAY_NEXT, False), False)


def first_run_shown(settings: QSettings | None = None) -> bool:
    return _bool(_settings(settings).value(FIRST_RUN_SHOWN, False), False)


def set_first_run_shown(settings: QSettings | None = None) -> None:
    _settings(settings).setValue(FIRST_RUN_SHOWN, True)


def remembered_sign_in(settings: QSettings | None = None) -> tuple[str, str] | None:
    """(server profile key, email) to sign in with at start, when the person chose
    "Remember me" last time and has not signed out since; None otherwise. The password
    itself is only ever in the keyring."""
    values = _settings(settings)
    if not _bool(values.value(AUTO_SIGN_IN, False), False):
        return None
    key = str(values.value(LAST_PROFILE, "") or "")
    email = str(values.value(LAST_EMAIL, "") or "")
    return (key, email) if key and email else None


def set_auto_sign_in(enabled: bool, settings: QSettings | None = None) -> None:
    _settings(settings).setValue(AUTO_SIGN_IN, enabled)


# -- change notification ------------------------------------------------------------------


class PreferencesNotifier(QObject):
    """One per process: tells open widgets that the settings dialog applied changes."""

    preferences_changed = Signal()


_NOTIFIER: PreferencesNotifier | None = None


def notifier() -> PreferencesNotifier:
    global _NOTIFIER
    if _NOTIFIER is None:
        _NOTIFIER = PreferencesNotifier()
    return _NOTIFIER
