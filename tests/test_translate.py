"""Machine drafts as a newsroom gets them: catalogs in, fuzzy drafts out, each text paid once.

Every test drives the real provider clients (deep-translator for LibreTranslate and
Google) against loopback servers on 127.0.0.1 that answer from a dictionary of the
fixture project's sentences. Waiting (back-off, Retry-After, pacing) goes through a
FakeClock, so nothing here sleeps except the one test about a server that hangs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.app import build as building
from l10n.app import config
from l10n.app import extract as extracting
from l10n.app import translate as translating
from l10n.mt.clock import FakeClock
from l10n.po import HISTORY_SUFFIX, history
from l10n.po.states import content_hash, parse_marks
from l10n.qa.protect import TOKEN, protect
from tests.conftest import FIXTURES, msgfmt_check, publish_what_translators_write, requires
from tests.mt_servers import LoopbackServer

TABLE: dict[str, str] = json.loads((FIXTURES / "translate" / "newsroom.json").read_text(encoding="utf-8"))

# FakeClock's wall clock starts at 1,700,000,000 s: the date on every mark.
DRAFT_DATE = "2023-11-14"

LINK_PARAGRAPH = (
    "부산항만공사는 2일 신항 서측에 **완전 자동화 부두**를 개장했다고 밝혔다.\n"
    "새 부두는 [공사 누리집](https://example.org/port)에서 실시간 현황을 공개한다."
)
PORT = "content/news/port-opening.md"

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")


def stand_in(text: str, target: str) -> str:
    """A plausible answer for a text the dictionary lacks, in the target's script.

    Every word becomes a fixed word of the target language; placeholders, numbers,
    emphasis markers and punctuation stay where they were, so the answer passes the
    same checks a real translation must.
    """
    if target == "ko":
        return _LATIN_RUN.sub("기사", text)
    return _HANGUL_RUN.sub("news", text)


class NewsServer(LoopbackServer):
    """A loopback MT server that knows the newsroom's sentences.

    ``reorder`` makes it behave like a provider that moves placeholders: every
    ``⟦n⟧`` is taken out of its place and the lot put back at the front in reverse
    order, the first of them padded (``⟦ 2 ⟧``), as Korean word order and some
    services do.
    """

    def __init__(self, protocol: str = "libre", table: dict[str, str] | None = None, **options: object) -> None:
        self.reorder = bool(options.pop("reorder", False))
        super().__init__(protocol, TABLE if table is None else table, **options)  # type: ignore[arg-type]

    def translation(self, text: str, target: str) -> str:
        answer = self.table[text] if text in self.table else stand_in(text, target)
        if self.reorder:
            tokens = TOKEN.findall(answer)
            if tokens:
                rest = TOKEN.sub("", answer)
                moved = [f"⟦{number}⟧" for number in reversed(tokens)]
                moved[0] = moved[0].replace("⟦", "⟦ ").replace("⟧", " ⟧")
                answer = " ".join(moved) + " " + " ".join(rest.split(" "))
        return answer


def settings(root: Path, **overrides: object) -> config.Config:
    return config.load(root, overrides, environ={})


def extract(root: Path) -> None:
    extracting.extract(settings(root))


def libre(server: LoopbackServer, **more: str) -> dict[str, str]:
    """The environment that points LibreTranslate at ``server`` (local: not paced)."""
    return {"L10N_LIBRE_URL": server.url, **more}


def translate(root: Path, environ: dict[str, str], providers: tuple[str, ...] = ("libre",), **options: object):
    clock = options.pop("clock", None) or FakeClock()
    return translating.translate(
        settings(root), providers=list(providers), environ=environ, clock=clock, **options  # type: ignore[arg-type]
    )


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "locales").rglob("*.po"))


def live_entries(root: Path) -> list[tuple[Path, polib.POEntry]]:
    return [(path, entry) for path in catalogs(root) for entry in polib.pofile(str(path)) if not entry.obsolete]


def entry_in(root: Path, catalog: str, msgid: str) -> polib.POEntry:
    entry = polib.pofile(str(root / catalog)).find(msgid)
    assert entry is not None, msgid
    return entry


def machine_text(msgid: str) -> str:
    """What the dictionary answers for ``msgid``, with its placeholders restored."""
    protected = protect(msgid)
    return protected.restore(TABLE[protected.text])


def add_article(root: Path, name: str, text: str) -> None:
    (root / "content/news" / name).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- the first run


def test_every_empty_entry_becomes_a_fuzzy_machine_draft(newsroom: Path) -> None:
    extract(newsroom)
    untranslated = len(live_entries(newsroom))

    with NewsServer() as server:
        report = translate(newsroom, libre(server))

    assert (report.translated, report.failed, report.left) == (untranslated, 0, 0)
    for path, entry in live_entries(newsroom):
        assert entry.fuzzy, (path.name, entry.msgid)
        assert entry.msgstr == machine_text(entry.msgid)
        [mark] = parse_marks(entry.tcomment)
        assert (mark.kind, mark.provider, mark.date) == ("machine", "libre", DRAFT_DATE)
        assert mark.hash == content_hash(entry.msgctxt, entry.msgid, entry.msgstr)
    link = entry_in(newsroom, "locales/en/news/port-opening.md.po", LINK_PARAGRAPH)
    assert "[the authority's website](https://example.org/port)" in link.msgstr
    revised = {polib.pofile(str(path)).metadata["PO-Revision-Date"] for path in catalogs(newsroom)}
    assert revised == {DRAFT_DATE + " 22:13+0000"}, "the run's clock dates the catalogs, as it dates the marks"


def test_the_history_log_keeps_one_machine_event_per_draft_with_the_exact_text(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        translate(newsroom, libre(server))

    for path in catalogs(newsroom):
        log = path.with_name(path.name.removesuffix(".po") + HISTORY_SUFFIX)
        events = history.parse(log.read_text(encoding="utf-8"))
        drafts = [e for e in polib.pofile(str(path)) if not e.obsolete]
        assert [(e.msgid, e.text) for e in events] == [(d.msgid, machine_text(d.msgid)) for d in drafts]
        assert {(e.by, e.old, e.new, e.provider) for e in events} == {
            ("l10n translate", "untranslated", "machine", "libre")
        }


@requires("msgfmt", "msgcat")
def test_drafted_catalogs_pass_msgfmt_and_msgcat_leaves_them_byte_identical(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        translate(newsroom, libre(server))

    for path in catalogs(newsroom):
        assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
        rewritten = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        assert rewritten == path.read_bytes(), path.name


def test_build_publishes_machine_drafts_only_when_asked_to_use_fuzzy(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        translate(newsroom, libre(server))

    publish_what_translators_write(newsroom)  # any field may go out translated, none needs a reviewer
    report = building.build(settings(newsroom), langs=["en"])
    # A draft nobody checked is not published: with nothing else translated, the article is not written.
    assert not (newsroom / "build/en/news/port-opening.md").exists()
    assert "machine draft nobody has reviewed" in report.articles[0].reason

    building.build(settings(newsroom, use_fuzzy=True), langs=["en"])
    built = (newsroom / "build/en/news/port-opening.md").read_text(encoding="utf-8")
    assert "# Busan New Port opens automated pier\n" in built


# ---------------------------------------------------------------- paying once


def test_a_second_run_sends_nothing_and_changes_nothing(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        translate(newsroom, libre(server))
        sent = server.count
        before = {path: path.read_bytes() for path in (newsroom / "locales").rglob("*.*")}

        report = translate(newsroom, libre(server))

        assert server.count == sent
    assert (report.entries, report.requests, report.catalogs_written) == (0, 0, 0)
    assert {path: path.read_bytes() for path in (newsroom / "locales").rglob("*.*")} == before


@pytest.mark.parametrize("batch", [translating.BATCH, 3], ids=["one batch", "batches of 3"])
def test_a_sentence_shared_by_articles_is_sent_once_and_characters_match_the_distinct_texts(
    newsroom: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A big run goes in batches saved one after the other; a text repeated in a
    # later batch is answered from this run's own cache entry, not sent again.
    monkeypatch.setattr(translating, "BATCH", batch)
    monkeypatch.setattr(translating, "MAX_BATCH", max(batch, 3))
    add_article(
        newsroom,
        "port-brief.md",
        "# 부산 신항 자동화 부두 개장\n\n"
        "자동화로 처리 시간이 절반으로 줄었다.\n\n"
        "항만 관계자는 다음 달 두 번째 부두를 연다고 말했다.\n",
    )
    extract(newsroom)
    needed = live_entries(newsroom)
    language = {path: path.relative_to(newsroom / "locales").parts[0] for path, _ in needed}
    distinct = {(language[path], protect(entry.msgid).text) for path, entry in needed}

    with NewsServer() as server:
        report = translate(newsroom, libre(server))
        arrived = server.texts

    assert len(needed) == len(distinct) + 2, "the heading and the quote appear twice"
    assert sorted(arrived) == sorted(text for _, text in distinct)
    languages = {lang for lang, _ in distinct}
    if batch > 3:
        assert report.requests == len(languages), "one request per language: all texts fit in one"
    else:
        assert len(languages) < report.requests < len(distinct)
    assert report.characters == report.distinct_characters == sum(len(text) for _, text in distinct)
    assert report.translated == len(needed)
    brief = entry_in(newsroom, "locales/en/news/port-brief.md.po", "자동화로 처리 시간이 절반으로 줄었다.")
    assert brief.msgstr == "Automation halved handling time."


def test_answers_are_cached_so_a_fresh_catalog_is_drafted_without_requests(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        translate(newsroom, libre(server))
        shutil.rmtree(newsroom / "locales")
        extract(newsroom)
        sent = server.count

        report = translate(newsroom, libre(server))

        assert server.count == sent
    assert report.from_cache == report.entries == len(live_entries(newsroom))
    assert (report.translated, report.requests) == (0, 0)
    assert all(entry.msgstr for _, entry in live_entries(newsroom))


# ---------------------------------------------------------------- translation memory


def test_a_persons_translation_is_reused_for_the_same_sentence_before_any_request(newsroom: Path) -> None:
    add_article(newsroom, "port-brief.md", "자동화로 처리 시간이 절반으로 줄었다.\n")
    extract(newsroom)
    person = "Automation has cut handling times in half."
    original = newsroom / "locales/en/news/port-opening.md.po"
    po = polib.pofile(str(original))
    po.find("자동화로 처리 시간이 절반으로 줄었다.").msgstr = person
    po.save(str(original))

    with NewsServer() as server:
        report = translate(newsroom, libre(server))
        assert "자동화로 처리 시간이 절반으로 줄었다." not in server.texts

    reused = entry_in(newsroom, "locales/en/news/port-brief.md.po", "자동화로 처리 시간이 절반으로 줄었다.")
    assert reused.msgstr == person
    assert reused.fuzzy, "memory is a suggestion for this context, still to be checked"
    [mark] = parse_marks(reused.tcomment)
    assert (mark.kind, mark.date) == ("memory", DRAFT_DATE)
    assert "# l10n: memory" in (newsroom / "locales/en/news/port-brief.md.po").read_text(encoding="utf-8")
    assert report.from_memory == 1
    kept = entry_in(newsroom, "locales/en/news/port-opening.md.po", "자동화로 처리 시간이 절반으로 줄었다.")
    assert (kept.msgstr, kept.fuzzy) == (person, False), "the person's own entry is left alone"


def test_the_memory_is_the_whole_projects_even_when_drafting_one_article(newsroom: Path) -> None:
    add_article(newsroom, "port-brief.md", "자동화로 처리 시간이 절반으로 줄었다.\n")
    extract(newsroom)
    original = newsroom / "locales/en/news/port-opening.md.po"
    po = polib.pofile(str(original))
    po.find("자동화로 처리 시간이 절반으로 줄었다.").msgstr = "Automation has cut handling times in half."
    po.save(str(original))

    with NewsServer() as server:
        report = translate(newsroom, libre(server), only=["content/news/port-brief.md"])
        assert server.count == 0

    assert (report.from_memory, report.requests) == (1, 0)
    reused = entry_in(newsroom, "locales/en/news/port-brief.md.po", "자동화로 처리 시간이 절반으로 줄었다.")
    assert reused.msgstr == "Automation has cut handling times in half."


# ---------------------------------------------------------------- protection


WEB_ARTICLE = (
    "# 새 기사 편집기\n\n"
    "편집자는 `l10n translate` 명령을 쓰고 https://example.org/api 주소로 접속한 뒤 "
    "[사용 안내서](https://example.org/guide \"안내\")를 읽는다.\n"
)


def test_urls_code_and_link_targets_survive_a_provider_that_moves_placeholders(newsroom: Path) -> None:
    add_article(newsroom, "web.md", WEB_ARTICLE)
    extract(newsroom)
    paragraph = next(e for e in polib.pofile(str(newsroom / "locales/en/news/web.md.po")) if "`" in e.msgid)
    sent = protect(paragraph.msgid)
    assert len(sent.placeholders) == 3

    with NewsServer(reorder=True) as server:
        report = translate(newsroom, libre(server), only=["content/news/web.md"])
        [arrived] = [text for text in server.texts if "⟦" in text]

    assert arrived == sent.text
    assert "example.org" not in arrived and "l10n translate" not in arrived, "protected parts never leave"
    assert report.failed == 0
    draft = entry_in(newsroom, "locales/en/news/web.md.po", paragraph.msgid).msgstr
    assert "⟦" not in draft
    for part in ("`l10n translate`", "https://example.org/api", '](https://example.org/guide "안내")'):
        assert draft.count(part) == 1, (part, draft)
    assert draft.index("](https://example.org/guide") < draft.index("`l10n translate`"), "the server did move them"


# ---------------------------------------------------------------- answers that are not translations

# Each fault spoils the link paragraph's answer; what the report then says.
BAD_ANSWERS = [
    ("drop-placeholder", "placeholder ⟦1⟧"),
    ("echo", "the translation echoes the source"),
    ("empty", "empty translation"),
    ("html", "HTML markup the source did not have"),
    ("wrong-script", "the English translation still has Hangul"),
    ("malformed", "the answer is not JSON"),
    ("control", "control characters the source did not have: U+0000, U+001B"),
    ("quota", "the answer is a service message, not a translation: MYMEMORY WARNING"),
    ("preamble", "the translation starts with a preamble: 'Sure! Here is the translation:'"),
    ("japanese", "the translation reads as Japanese, not English"),
    ("cut-off", "the translation is cut off inside a placeholder"),
]


SPOILT = {
    "control": "Busan opened a **fully automated pier**\x00 \x1b[0m⟦1⟧.",
    "quota": "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN 23 HOURS",
    "preamble": "Sure! Here is the translation: Busan opened a **fully automated pier**. See [the site⟦1⟧.",
    "japanese": "釜山港湾公社は2日、**完全自動化埠頭**を開場したと明らかにした。[公社ホームページ⟦1⟧で公開する。",
    "cut-off": "Busan Port Authority said on the 2nd it opened a **fully automated pier**. See [its website⟦",
}


def spoil(server: LoopbackServer, fault: str) -> None:
    if fault == "wrong-script":
        server.table[protect(LINK_PARAGRAPH).text] = "부산항만공사가 **완전 자동화 부두**를 열었다. ⟦1⟧"
    elif fault in SPOILT:
        server.table[protect(LINK_PARAGRAPH).text] = SPOILT[fault]
    else:
        server.fault = fault


@pytest.mark.parametrize("fault, reason", BAD_ANSWERS, ids=[fault for fault, _ in BAD_ANSWERS])
def test_an_unusable_answer_leaves_the_entry_empty_and_says_why(newsroom: Path, fault: str, reason: str) -> None:
    extract(newsroom)
    with NewsServer(table=dict(TABLE)) as server:
        spoil(server, fault)
        report = translate(newsroom, libre(server, L10N_LIBRE_CONCURRENCY="1"), only=[PORT], langs=["en"])

    paragraph = entry_in(newsroom, "locales/en/news/port-opening.md.po", LINK_PARAGRAPH)
    assert (paragraph.msgstr, paragraph.fuzzy) == ("", False)
    reasons = {msgid: why for catalog, msgid, why in report.failures}
    assert reason in reasons[LINK_PARAGRAPH]
    assert reasons[LINK_PARAGRAPH].startswith("libre: ")
    assert report.failed == len(report.failures) >= 1
    assert report.left == report.failed


@pytest.mark.parametrize("fault, reason", BAD_ANSWERS, ids=[fault for fault, _ in BAD_ANSWERS])
def test_the_next_provider_of_the_chain_fills_what_the_first_got_wrong(newsroom: Path, fault: str, reason: str) -> None:
    extract(newsroom)
    with NewsServer(table=dict(TABLE)) as first, NewsServer("google") as second:
        spoil(first, fault)
        environ = {**libre(first), "L10N_GOOGLE_URL": second.url, "L10N_GOOGLE_RATE": "1000"}
        report = translate(newsroom, environ, providers=("libre", "google"), only=[PORT], langs=["en"])
        assert protect(LINK_PARAGRAPH).text in second.texts

    assert (report.failed, report.left) == (0, 0)
    paragraph = entry_in(newsroom, "locales/en/news/port-opening.md.po", LINK_PARAGRAPH)
    assert paragraph.msgstr == machine_text(LINK_PARAGRAPH)
    [mark] = parse_marks(paragraph.tcomment)
    assert mark.provider == "google"


# ---------------------------------------------------------------- a service having a bad day


@pytest.mark.parametrize(
    "fault, waited",
    [("429", 2.0), ("429-date", None), ("503", None), ("500", None), ("drop", None)],
)
def test_a_passing_failure_is_retried_on_the_same_provider(newsroom: Path, fault: str, waited: float | None) -> None:
    extract(newsroom)
    clock = FakeClock()
    with NewsServer(retry_after=2) as server:
        server.fail_next(fault)
        report = translate(newsroom, libre(server), clock=clock)
        distinct = len(set(server.texts))

    assert (report.failed, report.left) == (0, 0)
    languages = {request.target for request in server.requests}
    assert report.requests == len(languages) + 1, "one request per language, and the failed one again"
    assert distinct == len(server.texts) - len(server.requests[0].texts)
    [stats] = report.summary.providers
    assert stats.retries == 1
    if waited is not None:
        # The wait is computed from clock readings, so compare as numbers, not bits.
        assert any(abs(slept - waited) < 1e-6 for slept in clock.sleeps), "the server's Retry-After is honoured"


def test_a_server_that_hangs_times_out_and_the_text_is_asked_again(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer(hang_seconds=60) as server:
        server.fail_next("hang")
        report = translate(newsroom, libre(server, L10N_LIBRE_TIMEOUT="0.5"), only=[PORT], langs=["en"])
        [hung] = [request for request in server.requests if request.fault == "hang"]
        asked = server.texts

    assert (report.failed, report.left, report.translated) == (0, 0, 13)
    assert asked.count(hung.texts[0]) >= 2, "the text that got no answer was asked again"
    # Timeouts only: the hang's, and on a very busy machine perhaps an answer that
    # came later than the timeout, retried in the same way.
    assert set(report.summary.providers[0].errors) == {"transient"}


def test_a_provider_that_keeps_failing_is_given_up_and_the_chain_moves_on(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer(fault="503") as broken, NewsServer("google") as spare:
        environ = {**libre(broken), "L10N_GOOGLE_URL": spare.url, "L10N_GOOGLE_RATE": "1000"}
        report = translate(newsroom, environ, providers=("libre", "google"))
        tried = broken.count

    assert report.given_up == ("libre",)
    assert (report.failed, report.left) == (0, 0)
    libre_stats, google_stats = report.summary.providers
    assert google_stats.answered == report.translated == len(live_entries(newsroom))
    assert tried == libre_stats.requests <= 5 + 4, "given up after five failures in a row (plus those in flight)"


def test_when_every_provider_fails_the_entries_stay_empty_and_the_next_run_tries_again(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer(fault="503") as server:
        report = translate(newsroom, libre(server), only=[PORT], langs=["en"])
        assert report.failed == report.left == 13
        assert all(why.startswith("libre: ") for _, _, why in report.failures)
        assert all(entry.msgstr == "" for path, entry in live_entries(newsroom) if path.name == "port-opening.md.po")

        server.fault = None
        again = translate(newsroom, libre(server), only=[PORT], langs=["en"])

    assert (again.translated, again.failed) == (13, 0)


# ---------------------------------------------------------------- choosing what to draft


def test_limit_drafts_at_most_that_many_entries(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        report = translate(newsroom, libre(server), limit=4)
        assert len(server.texts) == 4

    drafted = [entry for _, entry in live_entries(newsroom) if entry.msgstr]
    assert len(drafted) == report.translated == 4


def test_lang_touches_only_that_languages_catalogs(newsroom: Path) -> None:
    extract(newsroom)
    korean_before = {p: p.read_bytes() for p in (newsroom / "locales/ko").rglob("*.*")}
    with NewsServer() as server:
        translate(newsroom, libre(server), langs=["en"])
        assert {request.target for request in server.requests} == {"en"}

    assert {p: p.read_bytes() for p in (newsroom / "locales/ko").rglob("*.*")} == korean_before
    assert all(entry.msgstr for path, entry in live_entries(newsroom) if "/en/" in path.as_posix())


def test_fuzzy_redrafts_an_entry_whose_source_changed(newsroom: Path) -> None:
    extract(newsroom)
    strike = newsroom / "locales/ko/news/rail-strike.md.po"
    po = polib.pofile(str(strike))
    for entry in po:
        entry.msgstr = "사람의 번역: " + entry.msgid
    po.save(str(strike))
    article = newsroom / "content/news/rail-strike.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("by 4.5 percent", "by 4.8 percent"), encoding="utf-8"
    )
    extract(newsroom)
    changed = "The agreement raises night-shift pay by 4.8 percent.\nBoth sides said talks would resume in January."
    assert entry_in(newsroom, "locales/ko/news/rail-strike.md.po", changed).previous_msgid

    with NewsServer() as server:
        translate(newsroom, libre(server), langs=["ko"])
        assert changed not in server.texts, "without --fuzzy a stale entry keeps the person's old text"

        report = translate(newsroom, libre(server), langs=["ko"], include_fuzzy=True)

    redrafted = entry_in(newsroom, "locales/ko/news/rail-strike.md.po", changed)
    assert report.translated == 1
    assert redrafted.msgstr == stand_in(changed, "ko")
    assert redrafted.fuzzy and redrafted.previous_msgid is None
    assert parse_marks(redrafted.tcomment)[-1].kind == "machine"


# ---------------------------------------------------------------- batches and pace


def test_one_bad_answer_in_a_batch_fails_only_that_text(newsroom: Path) -> None:
    extract(newsroom)
    echoed = "하루 컨테이너 1만 개 처리"

    class EchoesOne(NewsServer):
        def translation(self, text: str, target: str) -> str:
            return text if text == echoed else super().translation(text, target)

    with EchoesOne() as server:
        report = translate(newsroom, libre(server), only=[PORT], langs=["en"])
        assert server.count == 1, "the article's texts went in one request"
        assert len(server.texts) == 13

    assert (report.translated, report.failed, report.requests) == (12, 1, 1)
    [(_, msgid, reason)] = report.failures
    assert msgid == echoed and reason.startswith("libre: ")
    assert entry_in(newsroom, "locales/en/news/port-opening.md.po", echoed).msgstr == ""
    assert all(e.msgstr for p, e in live_entries(newsroom) if p.name == "port-opening.md.po" and e.msgid != echoed)


def test_each_answer_is_checked_once_as_it_arrives(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extract(newsroom)
    checked: list[str] = []
    check = translating.validate

    def counted(source: str, protected, translated: str, **languages: str) -> str:
        checked.append(translated)
        return check(source, protected, translated, **languages)

    monkeypatch.setattr(translating, "validate", counted)
    with NewsServer() as server:
        report = translate(newsroom, libre(server))
        sent = len(server.texts)

    assert (report.left, report.failed) == (0, 0)
    assert len(checked) == sent, "one check per answer: none again when the draft is saved"


@pytest.mark.parametrize(
    ("name", "environ", "rate"),
    [
        ("libre", {"L10N_LIBRE_URL": "http://127.0.0.1:5000"}, None),
        ("libre", {"L10N_LIBRE_URL": "http://localhost:5000/"}, None),
        ("libre", {"L10N_LIBRE_URL": "http://[::1]:5000"}, None),
        ("openai", {"L10N_OPENAI_URL": "http://127.0.0.1:8080/v1"}, None),
        ("pseudo", {}, None),
        ("libre", {}, translating.DEFAULT_RATE),
        ("google", {}, translating.DEFAULT_RATE),
        ("libre", {"L10N_LIBRE_URL": "http://127.0.0.1:5000", "L10N_LIBRE_RATE": "3"}, 3.0),
    ],
)
def test_a_local_provider_is_not_paced_unless_asked_a_public_one_is(newsroom: Path, name, environ, rate) -> None:
    [setup] = translating.provider_chain(settings(newsroom), [name], environ)
    assert setup.rate == rate


def test_a_run_against_a_loopback_server_never_waits_for_its_pace(newsroom: Path) -> None:
    extract(newsroom)
    clock = FakeClock()
    with NewsServer() as server:
        report = translate(newsroom, libre(server, L10N_LIBRE_MAX_TEXTS="1"), clock=clock)
    assert report.requests == 27 and report.left == 0
    assert clock.sleeps == [], "27 requests, not one pause between them"


@pytest.mark.parametrize(
    ("name", "environ", "entries"),
    [
        ("libre", {"L10N_LIBRE_URL": "http://127.0.0.1:5000", "L10N_LIBRE_CONCURRENCY": "8"}, 2000),
        ("libre", {"L10N_LIBRE_URL": "http://127.0.0.1:5000"}, 1000),
        ("google", {}, translating.BATCH),
        ("pseudo", {}, translating.MAX_BATCH),
    ],
)
def test_entries_between_saves_keep_every_worker_busy_for_several_rounds(newsroom: Path, name, environ, entries) -> None:
    # Saving stalls the providers: 2,000 texts at 50 per request on 8 workers are
    # five rounds in one batch of entries, but were eight in batches of 500.
    [setup] = translating.provider_chain(settings(newsroom), [name], environ)
    assert translating.entries_per_batch(setup) == entries
