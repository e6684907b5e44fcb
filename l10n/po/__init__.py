"""Gettext PO catalogs: the GNU-compatible writer, the strict reader, the catalog
model with its merge, entry states and review marks, and the history logs beside
catalogs. Nothing here walks a project.
"""
