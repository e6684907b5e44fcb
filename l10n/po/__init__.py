"""Gettext PO catalogs: the GNU-compatible writer, the strict reader, the catalog
model with its merge, entry states and review marks, and the history logs beside
catalogs. Nothing here walks a project.
"""

# The name of the log beside a catalog ends so (``x.md.po`` -> ``x.md.history.jsonl``).
# Kept here, not only in ``history``, so that naming a log (every command names each
# catalog's) does not load the history module: 1.6 ms of a start-up that reads no log.
HISTORY_SUFFIX = ".history.jsonl"
