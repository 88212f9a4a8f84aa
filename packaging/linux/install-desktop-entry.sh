#!/usr/bin/env bash
# Add elearn-desktop to the desktop's application menu, for the current user: the
# .desktop file and the SVG icon (installed as the theme icon "elearn-desktop").
#
#   packaging/linux/install-desktop-entry.sh [EXECUTABLE]
#
# EXECUTABLE: the program the menu entry starts; default: the bundle built by
# `scripts/dev bundle` (dist/elearn-desktop/elearn-desktop) if it exists, else
# `elearn-desktop` from PATH (a pip/venv install). XDG_DATA_HOME (default
# ~/.local/share) says where the files go; run again after moving the bundle.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
exe="${1:-}"
if [ -z "$exe" ]; then
    if [ -x "$ROOT/dist/elearn-desktop/elearn-desktop" ]; then
        exe="$ROOT/dist/elearn-desktop/elearn-desktop"
    elif command -v elearn-desktop >/dev/null 2>&1; then
        exe="$(command -v elearn-desktop)"
    else
        echo "install-desktop-entry: no elearn-desktop found; build the bundle (scripts/dev bundle)" \
            "or name the program: $0 /path/to/elearn-desktop" >&2
        exit 1
    fi
fi
if [ ! -x "$exe" ]; then
    echo "install-desktop-entry: $exe is not an executable file" >&2
    exit 1
fi
exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"
case "$exe" in
    *[[:space:]\"\'\\\$\`]*)
        echo "install-desktop-entry: the path $exe has spaces or quotes; move it somewhere plainer" >&2
        exit 1
        ;;
esac

apps="$DATA_HOME/applications"
icons="$DATA_HOME/icons/hicolor/scalable/apps"
mkdir -p "$apps" "$icons"
install -m 0644 "$ROOT/resources/icons/app.svg" "$icons/elearn-desktop.svg"
sed -e "s|^Exec=.*|Exec=$exe|" -e "s|^TryExec=.*|TryExec=$exe|" \
    "$ROOT/packaging/linux/elearn-desktop.desktop" >"$apps/elearn-desktop.desktop.tmp"
chmod 0644 "$apps/elearn-desktop.desktop.tmp"
mv "$apps/elearn-desktop.desktop.tmp" "$apps/elearn-desktop.desktop"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" || true
fi
echo "install-desktop-entry: $apps/elearn-desktop.desktop starts $exe"
