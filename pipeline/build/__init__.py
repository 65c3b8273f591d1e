"""The build: every seed in, every table out as CSV and Parquet, published in one atomic step.

- :mod:`.publish` runs the two passes (:func:`build`);
- :mod:`.chunks` is pass 1: worker processes read and extract chunks of seeds and spool their rows;
- :mod:`.rows` is the shape of those rows (named types, then Arrow batches);
- :mod:`.cache` keeps each seed's rows for the next build;
- :mod:`.corpus` is what pass 2 must know about the whole corpus, in a few bytes per answer;
- :mod:`.merge` makes one answer of all its sources;
- :mod:`.writer` writes each table as CSV and Parquet;
- :mod:`.output` is the output folder, replaced atomically and never anything but a package;
- :mod:`.memory` is the one memory-allocation policy of the build and the validator.
"""

__all__ = ["BuildReport", "UnsafeOutput", "build", "default_cache_dir"]


def __getattr__(name: str):
    # Loaded on first use: the release (which publish.py calls) uses this package's memory
    # policy, so importing publish.py here would make the two packages import each other.
    if name in __all__:
        from . import publish

        return getattr(publish, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
