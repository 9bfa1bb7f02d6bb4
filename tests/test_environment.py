"""environment.yml (conda) installs what pyproject.toml (pip) does: same packages, same bounds.

conda-forge has every package we use; pip in environment.yml installs only the project itself.
A package added to pyproject without its conda line (or with other bounds) fails here.
"""

import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ("dev", "lab", "app", "browser")
#: PyPI name → conda-forge name, where the two differ.
CONDA_NAMES = {"playwright": "playwright-python"}
#: Packages that conda-forge lacks and environment.yml installs with pip (none today).
PIP_ONLY: set[str] = set()


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in EXTRAS:
        lines += project["optional-dependencies"][extra]
    wanted = {}
    for line in lines:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name == canonicalize_name(project["name"]):
            continue  # an extra that names other extras of the project
        wanted[CONDA_NAMES.get(name, name)] = ",".join(sorted(str(s) for s in
                                                              requirement.specifier))
    return wanted


def environment() -> tuple[dict[str, str], list[str]]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert spec["channels"] == ["conda-forge"]
    conda, pip = {}, []
    for entry in spec["dependencies"]:
        if isinstance(entry, dict):
            pip += entry["pip"]
            continue
        name, _, bounds = entry.partition(" ")
        name = name.split("=")[0]
        conda[canonicalize_name(name)] = ",".join(sorted(b.strip() for b in bounds.split(",")
                                                         if b.strip()))
    return conda, pip


def test_every_requirement_has_its_conda_forge_package_with_the_same_bounds():
    conda, _ = environment()
    wanted = pyproject_requirements()
    missing = {n: b for n, b in wanted.items() if n not in conda and n not in PIP_ONLY}
    assert not missing, f"add to environment.yml: {missing}"
    differ = {n: (b, conda[n]) for n, b in wanted.items() if n in conda and conda[n] != b}
    assert not differ, f"bounds differ (pyproject, environment.yml): {differ}"


def test_environment_has_nothing_that_pyproject_lacks():
    conda, _ = environment()
    extra = set(conda) - set(pyproject_requirements()) - {"python", "pip"}
    assert not extra, f"in environment.yml but not in pyproject.toml: {sorted(extra)}"


def test_pip_installs_only_the_project_and_what_conda_forge_lacks():
    _, pip = environment()
    assert "-e ." in pip
    others = {canonicalize_name(Requirement(p).name) for p in pip if p != "-e ."}
    assert others <= PIP_ONLY


def test_python_version_matches():
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in spec["dependencies"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
