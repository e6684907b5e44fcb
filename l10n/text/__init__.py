"""Text primitives that know nothing of files or catalogs: scripts and language
detection, sentence splitting, figures in Korean and English, language codes.
"""
