"""Start JupyterLab (``make lab``) or the no-code Voilà app (``make app``) on this computer.

Why a module and not one line in the Makefile: the same command has to work for a normal user
and for root (JupyterLab refuses root without ``--allow-root``), with a screen (open the browser)
and without one (a server or a container: print the address instead), and on a port that is
free. The servers listen on 127.0.0.1 only. The project's kernel «zhytomyr-kpi (.venv)» is
installed into this environment when it is missing (a conda environment has none at first).

Usage: ``python -m zhytomyr_kpi.serve lab|app [--port N] [--no-browser]``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from pathlib import Path

from zhytomyr_kpi.basics.paths import PROJECT_ROOT

HOST = "127.0.0.1"
KERNEL_NAME = "zhytomyr-kpi"
KERNEL_DISPLAY_NAME = "zhytomyr-kpi (.venv)"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
APP_NOTEBOOK = PROJECT_ROOT / "app" / "programme.ipynb"
DEFAULT_PORTS = {"lab": 8888, "app": 8866}


def free_port(preferred: int | None = None) -> int:
    """``preferred`` if nothing listens on it at 127.0.0.1, else a port the system picks."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("немає вільного порту на 127.0.0.1")


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def has_display() -> bool:
    """Whether a browser window can be opened here (Windows and macOS always can)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_kernel() -> None:
    """Install the project's kernel into this environment if it is not there yet."""
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL_NAME in KernelSpecManager().find_kernel_specs():
        return
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY_NAME, prefix=sys.prefix)


def lab_command(port: int, token: str, *, root_dir: Path = NOTEBOOKS_DIR,
                open_browser: bool = False, extra: tuple[str, ...] = ()) -> list[str]:
    """The JupyterLab command line: 127.0.0.1 only, a fixed port and token, root allowed."""
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.ip={HOST}",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={root_dir}", f"--IdentityProvider.token={token}",
               f"--ServerApp.open_browser={open_browser}"]
    if is_root():
        command.append("--ServerApp.allow_root=True")
    return command + list(extra)


def app_command(port: int, *, notebook: Path = APP_NOTEBOOK, open_browser: bool = False,
                extra: tuple[str, ...] = ()) -> list[str]:
    """The Voilà command line: the app notebook without its code, 127.0.0.1 only."""
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}",
               f"--Voila.ip={HOST}", "--show_tracebacks=False", "--theme=light"]
    if not open_browser:
        command.append("--no-browser")
    return command + list(extra)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m zhytomyr_kpi.serve",
                                     description="JupyterLab або застосунок без коду (Voilà)")
    parser.add_argument("what", choices=("lab", "app"))
    parser.add_argument("--port", type=int, default=None, help="порт (типово вільний)")
    parser.add_argument("--no-browser", action="store_true", help="не відкривати браузер")
    args = parser.parse_args(argv)
    port = free_port(args.port or DEFAULT_PORTS[args.what])
    open_browser = has_display() and not args.no_browser
    ensure_kernel()
    if args.what == "lab":
        token = secrets.token_hex(16)
        command = lab_command(port, token, open_browser=open_browser)
        address = f"http://{HOST}:{port}/lab?token={token}"
        title = "JupyterLab"
    else:
        command = app_command(port, open_browser=open_browser)
        address = f"http://{HOST}:{port}/"
        title = "Застосунок (Voilà)"
    print(f"{title}: відкрийте в браузері {address}", flush=True)
    if not open_browser:
        print("(браузер не відкрито: немає екрана; адресу можна відкрити на цьому комп'ютері)",
              flush=True)
    print("Зупинити: Ctrl+C", flush=True)
    os.chdir(PROJECT_ROOT)
    if sys.platform == "win32":  # no exec on Windows: run and wait
        import subprocess

        raise SystemExit(subprocess.call(command))
    os.execv(sys.executable, command)


if __name__ == "__main__":
    main()
