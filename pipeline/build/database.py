"""The database written beside pass 2, in a process of its own.

Pass 2 hands every batch of every table to the database as the batch is written
(:class:`~pipeline.build.writer.PackageWriter`'s ``on_batch``). Inserting it is Python's
work as much as SQLite's (each value is converted and bound with Python's global lock
held), so a database written by a thread of the main process slows pass 2 by about as much
as it takes off the release. :class:`DatabaseProcess` inserts in a process of its own
instead, on the core that pass 2 leaves idle: the main process sends each batch down a pipe
as an Arrow IPC stream (a copy of its buffers, no conversion), and the process copies it into
a :class:`~pipeline.release.sqlite.DatabaseWriter`. The rows arrive, and go in, in the order
each table is written, so the file has the bytes :func:`~pipeline.release.sqlite.write_database`
gives (checked in tests/test_database_bytes.py).

A process costs its start: the fork server's when the pool already started it (a few
hundredths of a second), the fork server's own start otherwise (about a second).
:func:`open_database` therefore writes a small package's database in a thread of the main
process, and a large one's here.
"""

from __future__ import annotations

import threading
import traceback
from concurrent.futures import Future
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc

from ..release.sqlite import DatabaseWriter
from ..tables import TABLES_BY_NAME, Table
from .chunks import worker_context
from .memory import peak_resident_kb
from .output import fault_point

#: From how many worker processes a build writes its database in a process of its own: with
#: one, the fork server is not started, and starting it would cost more than it saves.
PROCESS_FROM_WORKERS = 2


class DatabaseFailed(RuntimeError):
    """The database's process failed, or ended before finishing the database."""


def open_database(directory: Path, workers: int) -> "DatabaseWriter | DatabaseProcess":
    """The database of the package being written in ``directory``, ready for its rows."""
    return DatabaseProcess(directory) if workers >= PROCESS_FROM_WORKERS else DatabaseWriter(directory)


class DatabaseProcess:
    """A :class:`~pipeline.release.sqlite.DatabaseWriter` in a process of its own, with the same methods."""

    def __init__(self, directory: Path):
        #: The database being finished, once :meth:`finish` was called.
        self.finished: Future | None = None
        #: The process's peak resident memory, in MB, once it has finished (None where the system does not say).
        self.peak_rss_mb: float | None = None
        context = worker_context()
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(str(directory), child), name="pqpub-sqlite", daemon=True)
        self._process.start()
        child.close()

    def add(self, table: Table, rows: pa.RecordBatch | pa.Table) -> None:
        """Send ``rows`` of ``table`` to the process (waits while it is busy with the batch before)."""
        if not rows.num_rows:
            return
        sink = pa.BufferOutputStream()
        with ipc.new_stream(sink, rows.schema) as stream:
            stream.write(rows)
        try:
            self._pipe.send_bytes(table.name.encode() + b"\n" + sink.getvalue().to_pybytes())
        except OSError:  # the process ended: its reason, where it gave one
            raise self._failure() from None

    def finish(self) -> Future:
        """Have the process finish the database; the future's result is the file's path once it is complete."""
        self.finished = finished = Future()
        try:
            self._pipe.send_bytes(b"")
        except OSError:
            finished.set_exception(self._failure())
            return finished

        def wait() -> None:
            try:
                finished.set_result(self._reply())
            except BaseException as error:
                finished.set_exception(error)
            finally:
                self._pipe.close()
                self._process.join()

        threading.Thread(target=wait, name="pqpub-sqlite-wait", daemon=True).start()
        return finished

    def abort(self) -> None:
        """Stop the process without finishing the file (the build failed; it is discarded with the staging folder)."""
        self._pipe.close()  # the process reads the end of the pipe and stops
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def _reply(self) -> Path:
        try:
            status, detail, peak_rss_kb = self._pipe.recv()
        except (EOFError, OSError):
            raise DatabaseFailed(f"the database's process ended (exit code {self._process.exitcode}) "
                                 "before finishing the database") from None
        if peak_rss_kb is not None:
            self.peak_rss_mb = peak_rss_kb / 1024
        if status != "done":
            raise DatabaseFailed(f"the database's process failed:\n{detail}")
        return Path(detail)

    def _failure(self) -> DatabaseFailed:
        try:
            if self._pipe.poll(1):
                return DatabaseFailed(f"the database's process failed:\n{self._pipe.recv()[1]}")
        except (EOFError, OSError):
            pass
        self._process.join(timeout=1)
        return DatabaseFailed(f"the database's process ended (exit code {self._process.exitcode}) "
                              "before finishing the database")


def _serve(directory: str, pipe) -> None:
    """In the database's process: every batch received inserted, then the database finished; the outcome sent back."""
    database = None
    try:
        database = DatabaseWriter(Path(directory))
        while message := pipe.recv_bytes():
            fault_point("database")
            name, _, stream = message.partition(b"\n")
            database.add(TABLES_BY_NAME[name.decode()], ipc.open_stream(stream).read_all())
        path = database.finish().result()
    except EOFError:  # the build stopped sending: it failed, and discards the file
        if database is not None:
            database.abort()
        return
    except BaseException:
        if database is not None:
            database.abort()
        pipe.send(("failed", traceback.format_exc(), peak_resident_kb()))
        return
    pipe.send(("done", str(path), peak_resident_kb()))
