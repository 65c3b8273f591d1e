from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.publish import build

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DIST = REPO / "dist"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The package built from the repository's seeds, in a fresh folder."""
    out = tmp_path_factory.mktemp("build") / "dist"
    build(SEEDS, out, workers=1)
    return out


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A copy of the repository's seeds that a test may add bad files to."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
