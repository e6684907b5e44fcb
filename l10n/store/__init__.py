"""Files on disk: atomic writes and staged commits, article decoding, the re-run
manifests, and the worker pool.
"""
