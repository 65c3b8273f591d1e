"""``pqpub fetch``: written questions from the official written-questions API, into ``seeds/``.

The stages, one module each:

- :mod:`.client` speaks to the API: paginated list requests and single questions, at a
  polite rate, retrying what a busy service answers with (429, 5xx, timeouts, broken
  connections, a body that is not JSON);
- :mod:`.store` keeps the records as JSON seeds, one file per House and tabled day, a
  later version of a record replacing the earlier in place, every file written atomically;
- :mod:`.run` decides what to ask for: the questions tabled, answered or corrected in a
  window, the whole text of every answer the list cut short, and where an interrupted
  run resumes.
"""

from .client import ApiClient, ClientOptions, ServiceFailed
from .run import FetchOptions, FetchReport, fetch
from .store import SeedStore

__all__ = ["ApiClient", "ClientOptions", "FetchOptions", "FetchReport", "SeedStore", "ServiceFailed", "fetch"]
