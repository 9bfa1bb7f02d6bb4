"""A kernel manager with bounds, for the app served to colleagues.

Every visit of the Voilà app starts a kernel (about 150 MB). Voilà ends it when the page is
closed normally (the browser's ``beforeunload``); a tab that is killed, a laptop that sleeps
or a lost connection would leave it running. So: a kernel nobody is connected to is ended
after ``cull_idle_timeout`` seconds (checked every ``cull_interval``), and at most
``max_kernels`` run at once — one more visitor gets a page saying to try again in a minute,
instead of the server running out of memory.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Int, Integer

#: Defaults for ``make app``: a dozen colleagues at once; an idle kernel lives 10 minutes.
MAX_KERNELS = 12
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 30


class BoundedKernelManager(AsyncMappingKernelManager):
    """:class:`AsyncMappingKernelManager` that refuses a kernel beyond ``max_kernels`` and culls
    idle, unconnected kernels (culling is jupyter_server's own, switched on here)."""

    max_kernels = Int(MAX_KERNELS, config=True,
                      help="the most kernels that may run at once (0: no limit)")
    cull_idle_timeout = Integer(CULL_IDLE_SECONDS, config=True,
                                help="seconds after which an idle kernel with no page is ended")
    cull_interval = Integer(CULL_INTERVAL_SECONDS, config=True,
                            help="how often to look for idle kernels, in seconds")

    async def start_kernel(self, *args, **kwargs) -> str:
        if self.max_kernels and len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(503, "Застосунок зараз відкрито в надто багатьох вікнах; "
                                     "спробуйте за хвилину.")
        return await super().start_kernel(*args, **kwargs)
