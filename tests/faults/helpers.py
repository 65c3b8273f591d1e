"""Shared by the fault-injection tests: running the command as a user would, and looking at packages."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO


def pqpub(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``pqpub ARGS`` in a new process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links not followed) with its SHA-256."""
    found = {}
    for directory, _, files in os.walk(folder):
        for name in files:
            path = Path(directory) / name
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def everything(folder: Path) -> set[str]:
    """Every path under ``folder``, folders included."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}
