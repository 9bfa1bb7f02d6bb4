"""Start JupyterLab (``make lab``) or the no-code Voilà app (``make app``) on this computer.

Why a module and not one line in the Makefile: the same command has to work for a normal user
and for root (JupyterLab refuses root without ``--allow-root``), with a screen (open the browser)
and without one (a server or a container: print the address instead), and on a port that is
free. The servers listen on 127.0.0.1 only. The project's kernel «zhytomyr-kpi (.venv)» is
installed into this environment when it is missing (a conda environment has none at first).

Usage: ``python -m zhytomyr_kpi.serve lab|app [--port N] [--no-browser]``;
``python -m zhytomyr_kpi.serve app --office ADDRESS`` serves the app to colleagues on the office
network: on that address of this computer, with a key (token) printed once, kernels bounded
(a cap on how many run at once; idle ones ended: :mod:`zhytomyr_kpi.serve.kernels`). Code
cells, files and the Jupyter API stay closed as with ``make app`` (Voilà runs only the app).
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
#: The app's own Jupyter data (its Voilà page template «zhytomyr»: Ukrainian loading texts).
APP_JUPYTER_PATH = PROJECT_ROOT / "app" / "jupyter"
KERNEL_MANAGER = "zhytomyr_kpi.serve.kernels.BoundedKernelManager"
#: JupyterLab's settings for the analyst: Ukrainian (the language pack), news off.
LAB_SETTINGS = APP_JUPYTER_PATH / "lab" / "settings"
DEFAULT_PORTS = {"lab": 8888, "app": 8866}


def free_port(preferred: int | None = None, host: str = HOST) -> int:
    """``preferred`` if nothing listens on it at ``host``, else a port the system picks."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError(f"немає вільного порту на {host}")


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


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The servers' environment: ``base`` (default: this process's) with the app's own Jupyter
    data first on ``JUPYTER_PATH``, where Voilà finds the app's page template «zhytomyr»."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(APP_JUPYTER_PATH), env.get("JUPYTER_PATH", "")) if p)
    return env


def lab_command(port: int, token: str, *, root_dir: Path = NOTEBOOKS_DIR,
                open_browser: bool = False, extra: tuple[str, ...] = ()) -> list[str]:
    """The JupyterLab command line: 127.0.0.1 only, a fixed port and token, root allowed."""
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.ip={HOST}",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={root_dir}", f"--IdentityProvider.token={token}",
               f"--ServerApp.open_browser={open_browser}",
               # in Ukrainian, no news pop-up (app/jupyter/lab/settings/overrides.json), and
               # the project's kernel the default and only one offered
               f"--LabApp.app_settings_dir={LAB_SETTINGS}",
               f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
               f"--KernelSpecManager.allowed_kernelspecs={KERNEL_NAME}"]
    if is_root():
        command.append("--ServerApp.allow_root=True")
    return command + list(extra)


def app_command(port: int, *, notebook: Path = APP_NOTEBOOK, open_browser: bool = False,
                host: str = HOST, extra: tuple[str, ...] = ()) -> list[str]:
    """The Voilà command line: the app notebook without its code, on ``host`` (127.0.0.1
    unless served to colleagues), its page in Ukrainian, kernels bounded
    (:class:`~zhytomyr_kpi.serve.kernels.BoundedKernelManager`)."""
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={port}",
               f"--Voila.ip={host}", "--show_tracebacks=False", "--theme=light",
               "--template=zhytomyr", "--VoilaExporter.language_code=uk",
               f"--VoilaConfiguration.multi_kernel_manager_class={KERNEL_MANAGER}"]
    if not open_browser:
        command.append("--no-browser")
    return command + list(extra)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m zhytomyr_kpi.serve",
                                     description="JupyterLab або застосунок без коду (Voilà)")
    parser.add_argument("what", choices=("lab", "app"))
    parser.add_argument("--port", type=int, default=None, help="порт (типово вільний)")
    parser.add_argument("--no-browser", action="store_true", help="не відкривати браузер")
    parser.add_argument("--office", metavar="АДРЕСА", default=None,
                        help="лише для app: показати застосунок колегам у мережі установи за "
                             "цією адресою комп'ютера (наприклад 192.168.1.20); доступ — за "
                             "ключем, який буде надруковано один раз")
    args = parser.parse_args(argv)
    if args.office is not None and args.what != "app":
        parser.error("--office — лише для застосунку (app); JupyterLab працює тільки на 127.0.0.1")
    host = HOST if args.office is None else args.office
    port = free_port(args.port or DEFAULT_PORTS[args.what], host=host)
    open_browser = has_display() and not args.no_browser and args.office is None
    ensure_kernel()
    if args.what == "lab":
        token = secrets.token_hex(16)
        command = lab_command(port, token, open_browser=open_browser)
        address = f"http://{HOST}:{port}/lab?token={token}"
        title = "JupyterLab"
    elif args.office is None:
        command = app_command(port, open_browser=open_browser)
        address = f"http://{HOST}:{port}/"
        title = "Застосунок (Voilà)"
    else:  # for colleagues: another address, a key printed once, kernels bounded as always
        token = secrets.token_urlsafe(16)
        command = app_command(port, host=host, extra=(f"--token={token}",))
        address = f"http://{host}:{port}/?token={token}"
        title = "Застосунок для колег (Voilà)"
    print(f"{title}: відкрийте в браузері {address}", flush=True)
    if not open_browser:
        print("(браузер не відкрито: немає екрана; адресу можна відкрити на цьому комп'ютері)",
              flush=True)
    print("Зупинити: Ctrl+C", flush=True)
    os.chdir(PROJECT_ROOT)
    if sys.platform == "win32":  # no exec on Windows: run and wait
        import subprocess

        raise SystemExit(subprocess.call(command, env=environment()))
    os.execve(sys.executable, command, environment())

