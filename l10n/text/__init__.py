"""Text primitives that know nothing of files or catalogs: scripts (what is Hangul),
patterns for what is not prose (URLs, e-mail addresses, inline markup), display
width, language detection, sentence splitting, figures in Korean and English,
language codes. Standard library only (locales wraps babel), and nothing here
imports from the layers above.
"""
