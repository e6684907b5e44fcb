"""Quality checks over a source text and its translation, the glossary, and the
placeholder protection that machine translation and checks share.
"""
