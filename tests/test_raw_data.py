import hashlib
import json

from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT, RAW_DIR

SEED_SHA256 = "79e753e88478d2c4851d4fc814e048f3b00b6d7898eec9027eaa6d2c59a77eb7"


def test_decision_text_is_the_original_byte_for_byte():
    assert hashlib.sha256(DEFAULT_DOCUMENT.read_bytes()).hexdigest() == SEED_SHA256


def test_every_raw_file_matches_its_sidecar():
    sidecars = sorted(RAW_DIR.glob("*.json"))
    assert sidecars, "raw files need a sidecar"
    for sidecar in sidecars:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        assert {"file", "source", "received", "sha256"} <= meta.keys()
        data = (RAW_DIR / meta["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == meta["sha256"], sidecar.name
