"""What a build makes from the finished tables: the release around them.

- :mod:`.write` is the build's last step (:func:`write_release`);
- :mod:`.descriptor` is ``datapackage.json`` and the data dictionary ``README.md``;
- :mod:`.sqlite` is the SQLite database with full-text search, and datasette's metadata;
- :mod:`.site` is the landing page ``index.html``;
- :mod:`.diff` is what changed since the previous release (also ``pqpub diff``).
"""

from .write import write_release

__all__ = ["write_release"]
