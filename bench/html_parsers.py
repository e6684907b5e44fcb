"""Which HTML parser the html format stands on: source positions, round trip, speed.

For each candidate, on every edge page in tests/fixtures/html:

- positions: whether the parser says where each text node starts in the source
  (the format splices translations into the page, so it needs exact offsets);
- round trip: whether parse + write back gives the page byte for byte (for
  html.parser, which writes nothing back, the format's own identity rebuild);
- parse time: CPU time per page, in alternating rounds, median of the rounds.

Candidates: the standard library's html.parser (through formats/html_tokens.py),
the format's own scan (html_tokens.tokens: html.parser only for a page the scan
declines), lxml.html and selectolax (lexbor). A candidate that is not importable is reported
as such; selectolax is not a project dependency (``pip install selectolax`` to
measure it).

    python bench/html_parsers.py --rounds 7
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from statistics import median

from common import REPO

from l10n.formats import base, html, html_tokens

PAGES = sorted(p for p in (REPO / "tests/fixtures/html").glob("*.html") if not p.name.endswith(".expect.html"))


def stdlib_round_trip(text: str) -> str:
    return base.render(html, text, html.blocks(text, base.FormatOptions()), lambda seg: seg.text)


def candidates() -> dict[str, tuple[str, Callable[[str], object], Callable[[str], str]] | str]:
    found: dict[str, tuple[str, Callable[[str], object], Callable[[str], str]] | str] = {
        "html.parser": ("line and column of every token", html_tokens.parser_tokens, stdlib_round_trip),
        # The format's own reader: the scan, or html.parser for a page it declines.
        "scan": ("start and end of every token", html_tokens.tokens, stdlib_round_trip),
    }
    try:
        import lxml.html

        def lxml_parse(text: str) -> object:
            return lxml.html.document_fromstring(text) if "<html" in text.lower() else lxml.html.fragment_fromstring(text, create_parent="div")

        def lxml_round_trip(text: str) -> str:
            if "<html" in text.lower():
                tree = lxml.html.document_fromstring(text)
                return lxml.html.tostring(tree, encoding="unicode", doctype=tree.getroottree().docinfo.doctype or None) + "\n"
            parent = lxml.html.fragment_fromstring(text, create_parent="div")
            written = lxml.html.tostring(parent, encoding="unicode")
            return written[len("<div>") : -len("</div>")]

        found["lxml.html"] = ("element start line only (sourceline)", lxml_parse, lxml_round_trip)
    except ImportError:
        found["lxml.html"] = "not installed"
    try:
        from selectolax.lexbor import LexborHTMLParser

        def lexbor_round_trip(text: str) -> str:
            tree = LexborHTMLParser(text)
            if "<html" in text.lower():
                return tree.html or ""
            return (tree.body.html or "")[len("<body>") : -len("</body>")] if tree.body else ""

        found["selectolax"] = ("none", LexborHTMLParser, lexbor_round_trip)
    except ImportError:
        found["selectolax"] = "not installed"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=200, help="parses of each page per round")
    args = parser.parse_args()
    texts = [page.read_text(encoding="utf-8") for page in PAGES]
    found = candidates()
    usable = {name: entry for name, entry in found.items() if not isinstance(entry, str)}
    times: dict[str, list[float]] = {name: [] for name in usable}
    order = list(usable)
    for round_number in range(args.rounds):
        for name in order if round_number % 2 == 0 else reversed(order):
            _, parse, _ = usable[name]
            started = time.process_time()
            for _ in range(args.repeat):
                for text in texts:
                    parse(text)
            times[name].append((time.process_time() - started) / (args.repeat * len(texts)))
    print(f"{len(texts)} edge pages, {args.rounds} rounds x {args.repeat} parses each, CPU time")
    print(f"{'parser':<13} {'source positions':<40} {'round trip':<12} {'parse/page':>10}")
    for name, entry in found.items():
        if isinstance(entry, str):
            print(f"{name:<13} {entry}")
            continue
        positions, _, round_trip = entry
        same = sum(1 for text in texts if round_trip(text) == text)
        print(f"{name:<13} {positions:<40} {f'{same}/{len(texts)}':<12} {median(times[name]) * 1000:>8.3f}ms")


if __name__ == "__main__":
    main()
