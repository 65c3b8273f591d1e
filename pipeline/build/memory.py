"""How pqpub allocates memory: one policy, for the build and the validator, set here only.

Both stream over tables far larger than what they hold at once, batch by batch and chunk
by chunk, so their peak memory is decided less by what they hold than by what allocators
keep of what was freed. The policy:

1. **Arrow allocates from the system allocator** (:func:`choose_arrow_allocator`, before
   pyarrow loads). Arrow's default (mimalloc) keeps memory it has freed for reuse; over the
   thousands of short-lived tables of the build's pass 2 that retained memory was the
   largest part of its peak, and reading the 100,000-answer package batch by batch in the
   validator peaked 60-80 MB higher. The Parquet writer takes its page buffers from Arrow's
   process-wide default whatever pyarrow's pool is, and only the ``ARROW_DEFAULT_MEMORY_POOL``
   environment variable, read when pyarrow loads, changes that default.
2. **Large blocks are mapped on their own** (:func:`returning_freed_memory`): by default
   glibc raises the size from which it maps a block on its own to the size of each mapped
   block freed (up to 32 MB), so the buffers of later chunks and batches are carved from its
   heaps instead and, freed, stay there, fragmented. Over pass 2 that retained memory grew
   with the corpus: with the system allocator, pass 2 peaked at about 210 MB for 10,000
   answers and 260 MB for 100,000; with the threshold fixed, at 175 and 190 MB. Mapping each
   large block costs page faults: pass 2 of 100,000 answers takes about 1.5 s longer.

Where pqpub is used as a library, pyarrow may already be loaded with its default pool:
:func:`returning_freed_memory` then makes the system pool the one pyarrow's own
allocations use within it, and restores the previous one after.
"""

from __future__ import annotations

import ctypes
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import pyarrow.parquet as pq

#: The environment variable Arrow reads, once, when it loads, for its default memory pool.
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"
#: glibc's mallopt parameter for the size from which blocks are mapped on their own.
_M_MMAP_THRESHOLD = -3
#: Blocks of this size or more get a mapping of their own, returned to the system when freed.
MMAP_THRESHOLD = 128 * 1024


def choose_arrow_allocator() -> None:
    """Have Arrow allocate from the system allocator, unless the environment chose otherwise.

    Only effective before pyarrow is first imported; the ``pqpub`` command calls it first thing."""
    os.environ.setdefault(ARROW_POOL_VARIABLE, "system")


@contextmanager
def returning_freed_memory() -> Iterator[None]:
    """Within the block, pyarrow allocates from the system allocator, and the system allocator maps
    large blocks on their own (see the module's docstring); pyarrow's previous pool is restored after."""
    import pyarrow as pa

    _map_large_blocks()
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def _map_large_blocks() -> None:
    """Have glibc give every block of ``MMAP_THRESHOLD`` or more its own mapping, returned when freed.

    The setting stays for the rest of the process (glibc offers no way to read it back).
    Elsewhere than glibc this does nothing.
    """
    try:
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError):
        pass


def streamed_parquet(path) -> "pq.ParquetFile":
    """A Parquet file to be read a batch at a time, holding one row group's bytes at most.

    pyarrow's default (``pre_buffer=True``) fetches, for ``iter_batches`` over a whole file, the
    bytes of every row group up front and keeps them until the reader is dropped: reading the
    answers of a 750,000-answer package batch by batch held 179 MB more (333 MB against 186 MB
    peak), at 100,000 answers 50 MB more. Every reader of a whole table uses this instead.
    """
    import pyarrow.parquet as pq

    return pq.ParquetFile(path, pre_buffer=False)


def peak_resident_kb() -> int | None:
    """This process's peak resident memory in KB (None where the system does not say).

    Linux's ``VmHWM``, the high-water mark of this process's own memory. ``getrusage``'s
    ``ru_maxrss`` is not: it keeps, across ``exec``, the peak of the process that started
    this one, so a benchmark stage started from a process of 800 MB reported 800 MB
    whatever it used itself. ``ru_maxrss`` is the answer only where there is no ``/proc``.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux, bytes on macOS
