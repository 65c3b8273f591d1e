from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import SEEDS


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """The repository's three page seeds (the 2014 page and two 2019 pages), in a folder a test may change."""
    target = tmp_path / "seeds"
    target.mkdir()
    for page in ("000_8885b3d230a2f9dc.txt", "001_9f0442c81153244d.txt", "003_cb83d66ac9c0d06e.txt"):
        shutil.copyfile(SEEDS / page, target / page)
    return target
