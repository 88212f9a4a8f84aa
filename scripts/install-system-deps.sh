#!/usr/bin/env bash
# Install the Debian (12, "bookworm") packages elearn-desktop needs at run and
# test time that are not installed yet.  Idempotent: when everything is present
# it neither calls `apt-get update` nor installs anything.
#
#   scripts/install-system-deps.sh           install what is missing (root, or via sudo)
#   scripts/install-system-deps.sh --check   only list what is missing; exit 1 if anything is
#
# The shared-library list was derived from the NEEDED entries (readelf -d / ldd)
# of PySide6 6.11's Qt libraries, the offscreen/xcb/minimal platform plugins,
# the xcb GL integrations, image formats and the FFmpeg multimedia plugin,
# mapped to packages with `dpkg -S`.  Libraries of the base system (libc6,
# libgcc-s1, libstdc++6, zlib1g, libzstd1, libbz2-1.0) are not listed.
set -euo pipefail

PACKAGES=(
    # Test database: tests/support/pgcluster.py runs initdb/pg_ctl/postgres from
    # /usr/lib/postgresql/15/bin (no system service is used).
    postgresql
    # The benchmark suite's download baseline (workload 10, also in its smoke test).
    curl
    # Real-window screenshots: xvfb-run (needs xauth) gives the xcb plugin a display.
    xvfb
    xauth
    # QtMultimedia: libQt6Multimedia.so.6 links libpulse.so.0 (PulseAudio client).
    libpulse0
    # QtCore/QtGui: GLib event loop, OpenGL/EGL, fonts, X11 and keyboard handling.
    libglib2.0-0
    libgl1
    libegl1
    libfontconfig1
    libfreetype6
    libx11-6
    libxkbcommon0
    # At least one font, else Qt warns "no fonts found" (tests fail on Qt warnings).
    fonts-dejavu-core
    # QtDBus (linked by the platform plugins).
    libdbus-1-3
    # QtNetwork (pulled in by QtMultimedia): brotli, GSSAPI; TLS backend and the
    # FFmpeg stubs dlopen libssl.so.3/libcrypto.so.3.
    libbrotli1
    libgssapi-krb5-2
    libssl3
    # FFmpeg libraries bundled with QtMultimedia (libavutil, ffmpeg plugin).
    libdrm2
    libxext6
    libxrandr2
    # dlopened by QtMultimedia (VA-API stubs of the FFmpeg plugin, PipeWire
    # backend probe): when absent, Qt logs "qt.multimedia.symbolsresolver:
    # Couldn't load ... library" warnings, which fail pytest-qt's qt_log_level_fail.
    libva2
    libva-drm2
    libva-x11-2
    libpipewire-0.3-0
    # xcb platform plugin (libqxcb.so, libQt6XcbQpa.so.6, xcb GL integrations).
    libx11-xcb1
    libxcb1
    libxcb-cursor0
    libxcb-glx0
    libxcb-icccm4
    libxcb-image0
    libxcb-keysyms1
    libxcb-randr0
    libxcb-render0
    libxcb-render-util0
    libxcb-shape0
    libxcb-shm0
    libxcb-sync1
    libxcb-util1
    libxcb-xfixes0
    libxcb-xkb1
    libxkbcommon-x11-0
    # desktop-file-validate checks packaging/linux/elearn-desktop.desktop in the tests.
    desktop-file-utils
)

check_only=false
case "${1:-}" in
    "") ;;
    --check) check_only=true ;;
    -h | --help)
        sed -n '2,8p' "$0"
        exit 0
        ;;
    *)
        echo "usage: $0 [--check]" >&2
        exit 2
        ;;
esac

is_installed() {
    local status
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
    [[ "$status" == "install ok installed" ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    echo "install-system-deps: all ${#PACKAGES[@]} packages are installed."
    exit 0
fi

echo "install-system-deps: missing: ${missing[*]}"
if $check_only; then
    exit 1
fi

if ((EUID == 0)); then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-system-deps: run as root (sudo is not available)." >&2
    exit 1
fi

if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    # Do not let the package create (and start) a "main" cluster on port 5432:
    # the tests run their own throw-away cluster.
    "${as_root[@]}" mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" |
        "${as_root[@]}" tee /etc/postgresql-common/createcluster.d/elearn-no-main-cluster.conf \
            >/dev/null
fi

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    "${missing[@]}"

still_missing=()
for pkg in "${missing[@]}"; do
    is_installed "$pkg" || still_missing+=("$pkg")
done
if ((${#still_missing[@]} > 0)); then
    echo "install-system-deps: still missing after apt-get: ${still_missing[*]}" >&2
    exit 1
fi
echo "install-system-deps: installed: ${missing[*]}"
