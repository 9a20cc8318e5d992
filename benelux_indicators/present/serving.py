"""Serving the dashboards with Voilà, bounded (``make dashboard``, ``make serve``).

Each visit starts a kernel of about 240 MiB, so anonymous visitors could exhaust the
machine's memory. :class:`CappedKernelManager` refuses a kernel past ``max_kernels`` with
HTTP 503 ("busy, try again in a minute"); jupyter_server's culler stops kernels idle for
``cull`` seconds (checked every 30 s). With ``pool`` > 0 each page keeps that many
preheated kernels, which count towards the cap (so the cap is raised by them).
``python -m benelux_indicators.present.serving --help`` runs it; tests use :func:`command`.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer

ROOT = Path(__file__).resolve().parents[2]
MANAGER = "benelux_indicators.present.serving.CappedKernelManager"  # by name: `python -m` runs this as __main__
DASHBOARDS = ROOT / "dashboards"
# Front-end extensions installed beside Voilà that no page uses: each is more script to load
# before a page can connect to its kernel (charts are our own anywidget, not plotly's).
UNUSED_EXTENSIONS = ["jupyterlab-plotly", "jupyterlab_pygments", "@voila-dashboards/jupyterlab-preview",
                     "@voila-dashboards/widgets-manager7"]


class CappedKernelManager(AsyncMappingKernelManager):
    """At most ``max_kernels`` kernels, under any burst: a slot is reserved before the start
    is awaited (the check and the reservation run without an ``await`` between them, so no
    other request on the event loop can pass in that window), and given back if the start fails."""

    max_kernels = Integer(4, config=True, help="Kernels running at once; a visit past it gets HTTP 503.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._starting = 0  # kernels reserved whose start has not finished

    async def start_kernel(self, *args, **kwargs):
        if kwargs.get("kernel_id") is not None:  # a known kernel restarting: it holds its slot
            return await super().start_kernel(*args, **kwargs)
        running = set(self.list_kernel_ids())
        if len(running) + self._starting >= self.max_kernels:
            raise web.HTTPError(503, f"The dashboards are busy ({self.max_kernels} visitors at once); "
                                     "please try again in a minute.")
        self._starting += 1
        try:
            return await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1


def command(host: str = "127.0.0.1", port: int = 8866, max_kernels: int = 4, cull: int = 120, pool: int = 0,
            base_url: str = "/") -> list[str]:
    """The Voilà command line: code hidden, the CDN-free ``benelux`` template, bounded kernels."""
    pages = len(list(DASHBOARDS.glob("*.ipynb")))
    args = [sys.executable, "-m", "voila", "--no-browser", f"--Voila.ip={host}", f"--port={port}",
            "--strip_sources=True", "--template=benelux", f"--Voila.base_url={base_url}",
            "--HTMLExporter.language_code=nl",  # the pages open in Dutch; each notebook's title is Dutch too
            f"--VoilaConfiguration.multi_kernel_manager_class={MANAGER}",
            f"--CappedKernelManager.max_kernels={max_kernels + pool * pages}",
            f"--MappingKernelManager.cull_idle_timeout={cull}", "--MappingKernelManager.cull_interval=30",
            f"--VoilaConfiguration.extension_denylist={UNUSED_EXTENSIONS!r}"]
    if pool:
        args += ["--preheat_kernel=True", f"--pool_size={pool}"]
    return [*args, str(DASHBOARDS)]


def environment() -> dict[str, str]:
    return {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--max-kernels", type=int, default=4, help="visitors' kernels at once (about 240 MiB each)")
    parser.add_argument("--cull", type=int, default=120, help="seconds before an idle kernel is stopped")
    parser.add_argument("--pool", type=int, default=0, help="preheated kernels per page")
    parser.add_argument("--base-url", default="/")
    args = parser.parse_args(argv)
    cmd = command(args.host, args.port, args.max_kernels, args.cull, args.pool, args.base_url)
    os.execve(cmd[0], cmd, environment())


if __name__ == "__main__":
    main()
