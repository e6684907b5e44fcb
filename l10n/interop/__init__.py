"""Exchange formats other translation tools read and write: XLIFF 2.0 for CAT tools,
TMX 1.4 for translation memories, CSV and TBX for glossaries.

Each module turns the tool's values into a document's text and back: pure text
in, text out, no catalogs read and no files written (the use cases in app/ do).
"""
