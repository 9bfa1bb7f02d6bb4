"""Execute notebooks in place (their stored outputs are what nbval compares).

Usage: python tools/run_notebooks.py [notebooks/*.ipynb]. Run from the project root with the
project's environment; `make notebooks` does this. Outputs are deterministic by design
(fixed Styler uuids, sorted tables), so re-running gives the same text outputs.

The code runs in this interpreter's own kernel (like nbval's --nbval-current-env), and every
notebook is saved declaring the project's kernel «zhytomyr-kpi (.venv)», the one that
`make setup` installs and JupyterLab offers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"display_name": "zhytomyr-kpi (.venv)", "language": "python", "name": "zhytomyr-kpi"}


def run(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    notebook.metadata.pop("widgets", None)  # widget state holds random model ids
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    nbformat.write(notebook, path)
    print(f"executed {path.relative_to(ROOT)}")


def main(paths: list[str]) -> None:
    targets = [Path(p).resolve() for p in paths] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in targets:
        run(path)


if __name__ == "__main__":
    main(sys.argv[1:])
