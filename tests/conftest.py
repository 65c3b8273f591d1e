from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.build.publish import build

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DIST = REPO / "dist"
#: The three page texts the project started from (the rest of seeds/ is API records, under api/).
PAGE_SEEDS = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The package built from the repository's seeds, in a fresh folder."""
    out = tmp_path_factory.mktemp("build") / "dist"
    build(SEEDS, out, workers=1)
    return out


@pytest.fixture(scope="session")
def built_pages(tmp_path_factory) -> Path:
    """The package built from the three page seeds alone: small, with known row counts."""
    folder = tmp_path_factory.mktemp("pages")
    seeds = folder / "seeds"
    seeds.mkdir()
    for path in PAGE_SEEDS:
        shutil.copy(path, seeds / path.name)
    build(seeds, folder / "dist", workers=1)
    return folder / "dist"


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A copy of the repository's seeds that a test may add bad files to."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
