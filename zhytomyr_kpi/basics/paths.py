"""Where things live: the project root, data folders and the default inputs."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_DIR.parent
REVIEWED_DIR = PACKAGE_DIR / "reviewed"
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
DEFAULT_DOCUMENT = RAW_DIR / "rishennia_1685_2019-12-18.txt"
