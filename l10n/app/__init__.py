"""The use cases: extract, build, init, translate, review, status and check. The
one layer that walks content/ and locales/ and decides what to write.

Each use case is a module of its own and imports no other: what two of them
share lives in a shared module beside them. config (the settings), workspace
(the project on disk), rerun (manifests and the parallel walk of extract and
build), staleness (whether a catalog is out of date: extract and check),
check_settings (``[check]``: check and review's advice), publishing (the
``[publish]`` policy and the one verdict status, check and build all read) and
tally (the pure arithmetic of status, which the status renderers use too).
"""
