"""Where the real council files are: ``../shared/data`` beside the checkout,
or ``$CWL_SHARED_DATA`` when the checkout lives elsewhere."""

from __future__ import annotations

import os
from pathlib import Path


def _find() -> Path:
    candidates = [os.environ.get("CWL_SHARED_DATA"),
                  Path(__file__).resolve().parents[2] / "shared" / "data",
                  "/work/shared/data"]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate).resolve()
    raise RuntimeError("../shared/data not found beside the checkout; set CWL_SHARED_DATA")


SHARED_DATA = _find()
