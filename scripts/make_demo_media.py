#!/usr/bin/env python3
"""Generate the small demo lesson videos shipped in ``resources/media/``.

Uses the ffmpeg binary bundled with the ``imageio-ffmpeg`` package, so no
system ffmpeg is needed::

    python scripts/make_demo_media.py            # writes resources/media/*.mp4
    python scripts/make_demo_media.py --out DIR  # somewhere else

The output is H.264 (libx264, yuv420p, faststart) + AAC mono, 320x180 @ 15 fps.
Encoding is made as reproducible as ffmpeg allows (bit-exact flags, no
metadata, single-threaded x264).  Byte-identical output is only expected with
the same ffmpeg build and the same caption font; the caption is drawn with
``drawtext`` when that filter (and a font) is available and skipped otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "resources" / "media"

WIDTH, HEIGHT, FPS = 320, 180, 15

# Preferred caption fonts (an explicit file keeps output stable across machines).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
)


@dataclass(frozen=True)
class Clip:
    filename: str
    duration: int  # seconds
    video_source: str  # lavfi source (without size/rate/duration)
    title: str
    tone_hz: int


CLIPS = (
    Clip("intro-to-python.mp4", 12, "testsrc2", "Intro to Python", 440),
    Clip("sql-basics.mp4", 8, "smptebars", "SQL Basics", 330),
)


def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg
    except ImportError:  # pragma: no cover - depends on environment
        sys.exit("imageio-ffmpeg is not installed (pip install imageio-ffmpeg)")
    return imageio_ffmpeg.get_ffmpeg_exe()


def _escape_drawtext(text: str) -> str:
    # Escaping for a drawtext option value inside a filtergraph.
    for ch in ("\\", ":", "'", "%", ","):
        text = text.replace(ch, "\\" + ch)
    return text


def caption_font_option() -> str:
    for cand in FONT_CANDIDATES:
        if Path(cand).is_file():
            return f"fontfile={cand}"
    return "font=Sans"  # let fontconfig pick one


def drawtext_usable(ffmpeg: str, font_opt: str) -> bool:
    """True if this ffmpeg has drawtext and can actually render with a font."""
    listing = subprocess.run(
        [ffmpeg, "-hide_banner", "-filters"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    if not any(
        line.split()[1:2] == ["drawtext"] for line in listing.splitlines() if len(line.split()) > 1
    ):
        return False
    probe = subprocess.run(
        [
            ffmpeg,
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"color=c=black:s=64x64:d=0.1,drawtext={font_opt}:text=x",
            "-frames:v",
            "1",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.returncode == 0


def video_filter(clip: Clip, font_opt: str | None) -> str:
    src = f"{clip.video_source}=s={WIDTH}x{HEIGHT}:r={FPS}:d={clip.duration}"
    if font_opt is None:
        return src
    title = _escape_drawtext(clip.title)
    sub = _escape_drawtext("elearn-desktop demo lesson")
    box = "box=1:boxcolor=black@0.6:boxborderw=6"
    return (
        f"{src},"
        f"drawtext={font_opt}:text='{title}':fontsize=22:fontcolor=white:"
        f"x=(w-text_w)/2:y=h-58:{box},"
        f"drawtext={font_opt}:text='{sub}':fontsize=11:fontcolor=white:"
        f"x=(w-text_w)/2:y=h-24:{box},"
        # running clock top-right, e.g. "00:07"
        f"drawtext={font_opt}:text='%{{pts\\:gmtime\\:0\\:%M\\\\\\:%S}}':"
        f"fontsize=12:fontcolor=yellow:x=w-text_w-8:y=8:{box}"
    )


def build_command(ffmpeg: str, clip: Clip, out: Path, font_opt: str | None) -> list[str]:
    audio = f"sine=frequency={clip.tone_hz}:sample_rate=44100:duration={clip.duration},volume=0.1"
    return [
        ffmpeg,
        "-hide_banner",
        "-loglevel",
        "warning",
        "-nostdin",
        "-y",
        "-fflags",
        "+bitexact",
        "-f",
        "lavfi",
        "-i",
        video_filter(clip, font_opt),
        "-f",
        "lavfi",
        "-i",
        audio,
        "-map",
        "0:v:0",
        "-map",
        "1:a:0",
        "-map_metadata",
        "-1",
        "-map_chapters",
        "-1",
        "-c:v",
        "libx264",
        "-preset",
        "medium",
        "-crf",
        "30",
        "-pix_fmt",
        "yuv420p",
        "-profile:v",
        "main",
        "-g",
        str(FPS * 2),
        "-threads:v",
        "1",
        "-x264-params",
        "threads=1:lookahead-threads=1",
        "-flags:v",
        "+bitexact",
        "-c:a",
        "aac",
        "-b:a",
        "48k",
        "-ac",
        "1",
        "-ar",
        "44100",
        "-flags:a",
        "+bitexact",
        "-t",
        str(clip.duration),
        "-movflags",
        "+faststart",
        "-fflags",
        "+bitexact",
        str(out),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--no-caption",
        action="store_true",
        help="do not draw captions even if drawtext is available",
    )
    args = parser.parse_args(argv)

    ffmpeg = ffmpeg_exe()
    args.out.mkdir(parents=True, exist_ok=True)

    font_opt: str | None = None
    if not args.no_caption:
        cand = caption_font_option()
        if drawtext_usable(ffmpeg, cand):
            font_opt = cand
        else:
            print("note: drawtext filter/font unavailable; captions skipped", file=sys.stderr)

    for clip in CLIPS:
        out = args.out / clip.filename
        tmp = out.with_name(out.stem + ".tmp" + out.suffix)
        cmd = build_command(ffmpeg, clip, tmp, font_opt)
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.stderr.strip():
            print(proc.stderr.strip(), file=sys.stderr)
        if proc.returncode != 0:
            tmp.unlink(missing_ok=True)
            print(f"error: ffmpeg failed for {clip.filename}", file=sys.stderr)
            return proc.returncode
        shutil.move(tmp, out)
        print(f"{out}  {clip.duration}s  {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
