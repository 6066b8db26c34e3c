"""Keys of the index's state entries, shared by the build and the readers (a reader need not
load the build's imports to know them)."""

from __future__ import annotations

# When the index was built: the reference time of its decay, and its version.
AS_OF_KEY = "expertise.as_of"
# How many threads the index was built from (for idf).
THREADS_KEY = "expertise.threads"
