"""A sync run in a child process, for the SIGKILL test (``python -m tests.sync.sync_child``).

Arguments: cache folder, key (hex), host, port, database, email, password, batch size.
Prints ``committed <n>`` (flushed) after each batch's server commit, and ``done`` at the
end; the parent kills it with SIGKILL somewhere in between.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.backend import Backend
from elearn_desktop.services.profiles import POSTGRESQL, ServerProfile
from elearn_desktop.sync.cache import open_cache
from elearn_desktop.sync.engine import SyncEngine, SyncHooks


def main(argv: list[str]) -> int:
    cache_dir, key_hex, host, port, database, email, password, batch = argv
    profile = ServerProfile(
        name="child",
        kind=POSTGRESQL,
        host=host,
        port=int(port),
        database=database,
        sslmode="disable",
    )
    session = sign_in(profile, email, password)
    cache = open_cache(Path(cache_dir), bytes.fromhex(key_hex))

    def committed(n: int, _size: int) -> None:
        print(f"committed {n}", flush=True)
        time.sleep(0.02)  # widen the window between the commit and the outbox delete

    def backend() -> Backend:
        assert session.backend is not None
        return session.backend

    engine = SyncEngine(
        profile,
        cache,
        backend,
        batch_size=int(batch),
        hooks=SyncHooks(after_batch_committed=committed),
    )
    report = engine.sync_once()
    print("done" if report.ok else f"errors {report.errors}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
