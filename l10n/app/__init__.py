"""The use cases: extract, build, init, translate, review, status and check. The
one layer that walks content/ and locales/ and decides what to write.
"""
