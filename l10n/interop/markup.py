"""XML text the exchange formats share: escaping, and the characters XML cannot hold.

Documents are written by hand, not through an XML library, so that their bytes
are fixed (attribute order, indentation, no whitespace added inside text).
"""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold, and the carriage return, which readers would not keep.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def escape(text: str) -> str:
    """Element text: ``&``, ``<`` and ``>`` escaped (NOT_XML characters are the caller's)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    """An attribute value in double quotes; what XML cannot hold is dropped."""
    text = escape(NOT_XML.sub("", text))
    return text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
