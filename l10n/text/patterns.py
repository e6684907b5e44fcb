"""What in a piece of article text is not prose: URLs, e-mail addresses, inline markup.

Regular-expression sources (strings), for the modules that skip, protect or remove
these parts, so that "what is a URL" has one answer however many places ask.
Nothing is compiled here: each caller builds its own pattern from these pieces once,
at module level. Every piece is safe inside a ``re.VERBOSE`` pattern (no bare
space or ``#`` outside a character class) and means the same with or without
``re.DOTALL`` and ``re.IGNORECASE``.

Standard library only, and nothing from the rest of l10n: ``text/`` is the bottom
layer.
"""

from __future__ import annotations

# --- addresses ------------------------------------------------------------------------

# Where a URL starts: a scheme (https://, ftp://, git+ssh://; schemes are
# case-insensitive, RFC 3986 section 3.1) or a bare "www." host, at the start of a
# word (so not inside ``awww.``). RFC 3986 allows dots in a scheme too, but no
# scheme in news copy has one, and allowing them would make the word before a URL
# typed without a space (``said...http://``) part of its scheme.
URL_START = r"\b(?:[A-Za-z][A-Za-z0-9+-]*://|www\.)"

# A URL in running text: up to whitespace or an angle bracket, and not ending in the
# punctuation, closing quote or bracket that follows it in the sentence
# (``see https://mnd.go.kr.`` ends before the period).
URL = URL_START + r"""[^\s<>]*[^\s<>.,;:!?'")\]\u201d\u2019]"""

# An e-mail address: a local part of word characters and ``.%+-`` (internationalised
# addresses, RFC 6531, may have Hangul there: ``홍길동@example.kr``), then a host
# name of ASCII letters, digits and hyphens in dotted labels. The host is ASCII on
# purpose: a Korean particle written against the address (``hong@yna.co.kr로``) is
# prose, not part of the domain, and must stay outside the match.
EMAIL = r"[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# The same in running text: the whole run of address characters, not its tail.
EMAIL_IN_TEXT = r"(?<![\w.%+-])" + EMAIL

# --- inline markup ---------------------------------------------------------------------

# A code span as CommonMark reads it: a whole run of backticks, content that neither
# starts nor ends with a backtick (it may hold runs of other lengths, and line
# breaks), and a closing run of the same length. A run without its match is literal
# text: the TeX-style quotes of wire copy (````quoted''``) are not code. Uses the
# group name ``tick``, so it can stand only once in a pattern.
INLINE_CODE = r"(?<!`)(?P<tick>`+)[^`](?s:.*?[^`])??(?P=tick)(?!`)"

# An HTML tag or an autolink, loosely: anything in angle brackets that does not open
# with a space (``a < b > c`` is not a tag). For removing or keeping markup whole;
# code that must tell a tag from other text uses a stricter pattern.
HTML_TAG = r"<[^<>\s][^<>]*>"

# A character reference as HTML5 and CommonMark define it: ``&amp;`` (a name of 2 to
# 32 letters and digits), ``&#8212;`` (up to 7 digits), ``&#x2014;`` (up to 6 hex).
ENTITY = r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
