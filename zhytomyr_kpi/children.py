"""Helper processes of a command (forked workers, the notebooks' process) end with it.

Ctrl-C reaches every process of the terminal's group; the command itself handles it and
stops its helpers, so a helper ignores it (no traceback of its own). A command killed
outright (SIGKILL) cannot stop anything: each helper watches that its parent is alive.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable


def watch_parent(on_gone: Callable[[], None], parent: int | None = None,
                 every: float = 0.5) -> None:
    """Call ``on_gone`` (in a daemon thread) once this process's parent has ended.

    ``parent``: the pid the parent gave; without it, the parent now — which is already
    wrong when the parent died before this process got here.
    """
    parent = os.getppid() if parent is None else parent

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        on_gone()

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()


def forked_worker() -> None:
    """Initializer of a forked worker: Ctrl-C is the parent's, SIGTERM ends it, and so does
    the end of the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watch_parent(lambda: os._exit(1))
