"""``l10n translate`` as an editor runs it: what it prints, how it stops, what it never leaks.

The command runs in-process through click's runner where only its output matters,
and as a real ``python -m l10n`` process where a signal has to land on it. Either
way the provider is a loopback server on 127.0.0.1 reached by the real client.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.app import config
from l10n.app import translate as translating
from l10n.cli import main
from l10n.mt.cache import MachineCache
from l10n.qa.protect import protect
from tests.mt_servers import LoopbackServer
from tests.test_review import edit_in_po_editor
from tests.test_translate import LINK_PARAGRAPH, NewsServer, add_article, catalogs, entry_in, extract, libre, live_entries


def run(root: Path, *args: str, environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``l10n -C root <args>`` with exactly these L10N_ variables set (others hidden)."""
    hidden = {name: None for name in os.environ if name.startswith("L10N_")}
    result = CliRunner().invoke(main, ["-C", str(root), *args], env={**hidden, **(environ or {})})
    return result.exit_code, result.stdout, result.stderr


def process_environment(**variables: str) -> dict[str, str]:
    environ = {name: value for name, value in os.environ.items() if not name.startswith("L10N_")}
    return {**environ, "PYTHONUNBUFFERED": "1", **variables}


def everything(root: Path) -> dict[str, str]:
    """Every file under root, cache included, with a hash of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def sent_characters(msgids: list[str]) -> int:
    return sum(len(protect(msgid).text) for msgid in msgids)


# ---------------------------------------------------------------- the summary line


QUOTE = "자동화로 처리 시간이 절반으로 줄었다."
PERSON = "Automation has cut handling times in half."
CACHED = {"항목": "Item", "수치": "Figure"}
ECHOED = "자동화 부두 운영사는 인력 재배치 계획을 내놓지 않았다."


def test_the_summary_counts_drafts_memory_cache_failures_requests_and_characters(newsroom: Path) -> None:
    add_article(newsroom, "port-brief.md", f"{QUOTE}\n")
    add_article(newsroom, "port-staff.md", f"{ECHOED}\n")
    extract(newsroom)
    brief = newsroom / "locales/en/news/port-brief.md.po"
    po = polib.pofile(str(brief))
    po.find(QUOTE).msgstr = PERSON
    po.save(str(brief))
    with MachineCache(newsroom / ".cache/l10n/mt.sqlite3") as cache:
        for text, translation in CACHED.items():
            cache.put("libre", "ko", "en", text, translation, now=0.0)
    wanted = [e.msgid for p, e in live_entries(newsroom) if "/en/" in p.as_posix() and not e.msgstr]
    requested = [m for m in wanted if m != QUOTE and m not in CACHED]

    with NewsServer(table={ECHOED: ECHOED}) as server:
        code, out, err = run(newsroom, "translate", "--provider", "libre", "--lang", "en", environ=libre(server))
        assert sorted(server.texts) == sorted(protect(msgid).text for msgid in requested)
        assert server.count == 1, "every text to send fits in one request"

    assert code == 1, "an entry that failed is worth a red CI step"
    drafted = len(requested) - 1
    assert out.strip().splitlines()[-1] == (
        f"{drafted} drafted, 1 from memory, 2 from cache, 1 failed, 1 left; "
        f"1 request, {sent_characters(requested):,} characters sent; 3 catalogs written"
    )
    assert f"failed  locales/en/news/port-staff.md.po: '{ECHOED}': libre: the translation echoes the source" in err


def test_a_clean_run_exits_zero_and_a_rerun_says_there_is_nothing_to_send(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        code, out, _ = run(newsroom, "translate", "--provider", "libre", environ=libre(server))
        assert (code, out.strip()) == (
            0,
            f"27 drafted, 0 from memory, 0 from cache, 0 failed, 0 left; 2 requests, {server_chars(server):,} "
            "characters sent; 5 catalogs written",
        )
        assert len(server.texts) == 27 and server.count == 2, "one request per language"

        code, out, _ = run(newsroom, "translate", "--provider", "libre", environ=libre(server))
        assert server.count == 2

    assert (code, out.strip()) == (
        0,
        "0 drafted, 0 from memory, 0 from cache, 0 failed, 0 left; 0 requests, 0 characters sent; 0 catalogs written",
    )


def server_chars(server: LoopbackServer) -> int:
    return sum(len(text) for text in server.texts)


def test_failures_are_listed_on_stderr_with_their_reason_and_exit_one(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer(fault="drop-placeholder") as server:
        code, out, err = run(
            newsroom, "translate", "--provider", "libre", "content/news/port-opening.md", environ=libre(server)
        )

    assert code == 1
    assert "failed  locales/en/news/port-opening.md.po: '부산항만공사는 2일 신항 서측에" in err
    assert "libre: placeholder ⟦1⟧" in err and "was lost" in err
    assert "12 drafted, 0 from memory, 0 from cache, 1 failed, 1 left" in out
    assert entry_in(newsroom, "locales/en/news/port-opening.md.po", LINK_PARAGRAPH).msgstr == ""


def test_a_provider_given_up_is_named_and_the_next_one_takes_over(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer(fault="503") as broken, NewsServer("google") as spare:
        # One text per request, so there are enough failed requests in a row to give up.
        environ = {
            **libre(broken, L10N_LIBRE_MAX_RETRIES="0", L10N_LIBRE_MAX_TEXTS="1"),
            "L10N_GOOGLE_URL": spare.url,
        }
        code, out, err = run(newsroom, "translate", "--provider", "libre,google", environ=environ)

    assert code == 0
    assert "gave up on libre for this run" in err
    assert "27 drafted" in out and "0 left" in out


# ---------------------------------------------------------------- dry run


def test_dry_run_shows_entries_characters_and_cost_and_touches_nothing(newsroom: Path) -> None:
    extract(newsroom)
    before = everything(newsroom)
    entries = live_entries(newsroom)
    by_lang = {
        lang: [e.msgid for p, e in entries if p.relative_to(newsroom / "locales").parts[0] == lang] for lang in ("en", "ko")
    }

    with NewsServer() as server:
        code, out, _ = run(
            newsroom, "translate", "--provider", "libre", "--dry-run", environ=libre(server, L10N_LIBRE_PRICE="10")
        )
        assert server.count == 0

    assert code == 0
    assert everything(newsroom) == before, "a dry run writes nothing, not even the cache"
    lines = out.strip().splitlines()
    assert lines[0] == "27 entries need a draft: 0 from translation memory, 0 from the machine cache, 27 to send"
    for lang, msgids in sorted(by_lang.items()):
        chars = sent_characters(msgids)
        assert f"  libre -> {lang}: {len(msgids)} entries, {chars:,} characters, ~{chars * 10 / 1e6:,.2f} USD" in lines
    total = sent_characters(by_lang["en"] + by_lang["ko"])
    assert lines[-2] == (
        "  libre: up to 50 texts and 20,000 characters per request (1,800 per text), 4 in flight, no pacing (local)"
    )
    assert lines[-1] == f"dry run: 2 requests, {total:,} characters would be sent"


def test_dry_run_after_a_run_counts_the_cache(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        run(newsroom, "translate", "--provider", "libre", "--lang", "ko", environ=libre(server))
        for path in (newsroom / "locales/ko").rglob("*.*"):
            path.unlink()
        extract(newsroom)

        before = everything(newsroom)
        code, out, _ = run(newsroom, "translate", "--provider", "libre", "--dry-run", environ=libre(server))

    assert code == 0
    assert everything(newsroom) == before, "reading the cache leaves its bytes as they were"
    assert out.splitlines()[0] == "27 entries need a draft: 0 from translation memory, 6 from the machine cache, 21 to send"
    assert "libre -> ko" not in out


# ---------------------------------------------------------------- choosing what and whom


def test_limit_and_lang_from_the_command_line(newsroom: Path) -> None:
    extract(newsroom)
    with NewsServer() as server:
        code, out, _ = run(newsroom, "translate", "--provider", "libre", "--lang", "ko", "--limit", "2", environ=libre(server))
        assert {request.target for request in server.requests} == {"ko"}

    assert code == 0
    assert out.startswith("2 drafted, ")
    drafted = [p for p, e in live_entries(newsroom) if e.msgstr]
    assert len(drafted) == 2 and all("/ko/" in p.as_posix() for p in drafted)


@pytest.mark.parametrize("typed, suggestion", [("libra", "libre"), ("gogle", "google"), ("deeepl", "deepl")])
def test_a_misspelt_provider_gets_a_suggestion_and_exit_one(newsroom: Path, typed: str, suggestion: str) -> None:
    extract(newsroom)
    before = everything(newsroom)
    code, _, err = run(newsroom, "translate", "--provider", typed)

    assert code == 1
    assert f'unknown provider "{typed}"; did you mean "{suggestion}"?' in err
    assert everything(newsroom) == before


BAD_OPTION = [
    pytest.param('languages = ["ko", "en"]\n[libre]\nurl = "http://127.0.0.1:9"\ncolour = 1\n', 4, id="table-right-after"),
    pytest.param(
        'languages = ["ko", "en"]\n\n[libre]\nurl = "http://127.0.0.1:9"\ncolour = 1\n', 5, id="blank-line-before-table"
    ),
]


@pytest.mark.parametrize("toml, line", BAD_OPTION)
def test_an_unknown_provider_option_names_the_file_and_line(newsroom: Path, toml: str, line: int) -> None:
    (newsroom / "l10n.toml").write_text(toml, encoding="utf-8")
    extract(newsroom)

    code, _, err = run(newsroom, "translate", "--provider", "libre")

    assert code == 1
    assert f"error: l10n.toml:{line}: unknown setting 'colour' in [libre]" in err
    assert "hint: known keys: " in err


@pytest.mark.parametrize(
    "variable, value", [("L10N_LIBRE_CONCURRENCY", "0"), ("L10N_LIBRE_RATE", "0"), ("L10N_LIBRE_MAX_RETRIES", "-1")]
)
def test_an_impossible_pace_is_a_user_error_not_a_traceback(newsroom: Path, variable: str, value: str) -> None:
    extract(newsroom)
    with NewsServer() as server:
        code, _, err = run(newsroom, "translate", "--provider", "libre", environ=libre(server, **{variable: value}))
        assert server.count == 0

    assert code == 1
    assert err.startswith("error: ") and "Traceback" not in err
    assert variable.removeprefix("L10N_LIBRE_").lower() in err


# ---------------------------------------------------------------- secrets

CANARIES = {
    "L10N_LIBRE_API_KEY": "CANARY-KEY-7c1e",
    "L10N_DEEPL_API_KEY": "CANARY-DEEPL-52af",
    "L10N_PAPAGO_API_KEY": "CANARY-PAPAGO-90bd",
    "L10N_OPENAI_API_KEY": "CANARY-OPENAI-3e77",
}


def leaks(root: Path, *texts: str) -> list[str]:
    """Where any canary shows up: in the given texts or in the bytes of any file under root."""
    found = []
    for canary in CANARIES.values():
        found += [f"output {n}" for n, text in enumerate(texts) if canary in text]
        found += [
            path.relative_to(root).as_posix()
            for path in root.rglob("*")
            if path.is_file() and canary.encode("utf-8") in path.read_bytes()
        ]
    return found


@pytest.mark.parametrize("fault", ["403", "500", "malformed", "quota"])
def test_api_keys_never_reach_output_files_or_errors(newsroom: Path, fault: str) -> None:
    extract(newsroom)
    servers = {name: LoopbackServer(name, fault=fault) for name in ("libre", "deepl", "papago", "openai")}
    try:
        environ = dict(CANARIES)
        for name, server in servers.items():
            upper = name.upper()
            environ |= {f"L10N_{upper}_URL": server.url, f"L10N_{upper}_MAX_RETRIES": "0", f"L10N_{upper}_RATE": "1000"}
        environ["L10N_PAPAGO_KEY_ID"] = "newsroom-key-id"
        result = subprocess.run(
            [sys.executable, "-m", "l10n", "translate", "--provider", "libre,deepl,papago,openai"],
            cwd=newsroom,
            env=process_environment(**environ),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        assert all(server.count > 0 for server in servers.values()), "every provider was asked and failed"
        credentials = [request.body + str(request.headers).encode() for s in servers.values() for request in s.requests]
        assert any(b"CANARY-KEY-7c1e" in sent for sent in credentials), "the key did go to the service"

        report = translating.translate(
            config.load(newsroom, environ={}),
            providers=["libre", "deepl", "papago", "openai"],
            environ=environ,
            only=["content/news/rail-strike.md"],
        )
    finally:
        for server in servers.values():
            server.stop()

    assert result.returncode == 1
    assert "failed  " in result.stderr
    assert "Traceback" not in result.stderr
    messages = [repr(report), *(reason for _, _, reason in report.failures), repr(report.summary)]
    assert leaks(newsroom, result.stdout, result.stderr, *messages) == []
    assert (newsroom / ".cache/l10n/mt.sqlite3").exists(), "the cache file itself was searched"


def test_a_key_file_is_read_and_its_content_is_sent_not_printed(newsroom: Path, tmp_path: Path) -> None:
    extract(newsroom)
    key_file = tmp_path / "deepl.key"
    key_file.write_text("CANARY-DEEPL-52af:fx\n", encoding="utf-8")
    with NewsServer("deepl") as server:
        environ = {"L10N_DEEPL_API_KEY_FILE": str(key_file), "L10N_DEEPL_URL": server.url, "L10N_DEEPL_RATE": "1000"}
        code, out, err = run(newsroom, "translate", "--provider", "deepl", environ=environ)
        authorizations = {request.headers.get("Authorization") for request in server.requests}

    assert code == 0, err
    assert authorizations == {"DeepL-Auth-Key CANARY-DEEPL-52af:fx"}
    assert "27 drafted" in out
    assert "CANARY" not in out + err


def test_a_missing_key_file_is_named_without_guessing_at_its_content(newsroom: Path, tmp_path: Path) -> None:
    extract(newsroom)
    code, _, err = run(
        newsroom, "translate", "--provider", "deepl", environ={"L10N_DEEPL_API_KEY_FILE": str(tmp_path / "nowhere.key")}
    )

    assert code == 1
    assert f"L10N_DEEPL_API_KEY_FILE: cannot read {tmp_path / 'nowhere.key'}" in err


@pytest.mark.parametrize(
    "key_bytes, complaint",
    [
        (b"CANARY-DEEPL-52af\nsecond-line-9d1e\n", "holds white space, a line break or a control character"),
        (b"CANARY-DEEPL-52af\x1b[2J", "holds white space, a line break or a control character"),
        (b"CANARY-DEEPL-52af\xff\xfe", "is not UTF-8 text"),
    ],
)
def test_a_malformed_key_file_is_refused_without_showing_the_key(
    newsroom: Path, tmp_path: Path, key_bytes: bytes, complaint: str
) -> None:
    extract(newsroom)
    key_file = tmp_path / "deepl.key"
    key_file.write_bytes(key_bytes)
    with NewsServer("deepl") as server:
        environ = {"L10N_DEEPL_API_KEY_FILE": str(key_file), "L10N_DEEPL_URL": server.url}
        code, out, err = run(newsroom, "translate", "--provider", "deepl", environ=environ)

    assert code == 1
    assert f"L10N_DEEPL_API_KEY_FILE ({key_file}): " in err or f"L10N_DEEPL_API_KEY_FILE: {key_file}" in err
    assert complaint in err
    assert "Traceback" not in err
    assert "CANARY" not in out + err and "second-line" not in out + err
    assert server.requests == []


def test_a_key_with_a_line_break_in_the_environment_is_refused_without_showing_it(newsroom: Path) -> None:
    extract(newsroom)
    environ = {"L10N_DEEPL_API_KEY": "CANARY-DEEPL-52af\nsecond-line-9d1e"}
    code, out, err = run(newsroom, "translate", "--provider", "deepl", environ=environ)

    assert code == 1
    assert "L10N_DEEPL_API_KEY: the API key holds white space" in err
    assert "hint: an API key is one line" in err
    assert "CANARY" not in out + err and "second-line" not in out + err


# ---------------------------------------------------------------- stopping halfway

SEGMENTS = 60
CONCURRENCY = 4
TEXTS_PER_REQUEST = 5
BATCHES = SEGMENTS // TEXTS_PER_REQUEST


def write_agenda(root: Path) -> dict[str, str]:
    """Six articles of ten numbered council decisions each; returns source -> English."""
    table = {}
    for article in range(6):
        paragraphs = []
        for item in range(10):
            number = article * 10 + item + 1
            korean = f"시의회는 오늘 {number}번 안건을 찬성 다수로 통과시켰다."
            table[korean] = f"The city council passed item {number} by a majority today."
            paragraphs.append(korean)
        (root / f"content/news/agenda-{article + 1}.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return table


@pytest.fixture
def agenda(newsroom: Path) -> tuple[Path, dict[str, str]]:
    """A project with 60 distinct Korean segments and nothing else to translate."""
    for article in (newsroom / "content/news").iterdir():
        article.unlink()
    table = write_agenda(newsroom)
    extract(newsroom)
    assert len(live_entries(newsroom)) == SEGMENTS
    return newsroom, table


def start_translate(root: Path, server: LoopbackServer) -> subprocess.Popen[str]:
    environ = process_environment(
        **libre(
            server,
            L10N_LIBRE_CONCURRENCY=str(CONCURRENCY),
            L10N_LIBRE_MAX_RETRIES="0",
            L10N_LIBRE_MAX_TEXTS=str(TEXTS_PER_REQUEST),
        )
    )
    return subprocess.Popen(
        [sys.executable, "-m", "l10n", "translate", "--provider", "libre"],
        cwd=root,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


HALFWAY = 4  # batches answered before the server holds the rest


def stuck_halfway(root: Path, server: LoopbackServer) -> subprocess.Popen[str]:
    """A translate process that got HALFWAY batches answered and now waits for the
    requests its workers sent next: one in flight per worker, held by the server, so the run
    cannot finish before the test stops it, however fast or busy the machine is."""
    server.hold(after=HALFWAY)
    process = start_translate(root, server)
    deadline = time.monotonic() + 60
    while server.held < CONCURRENCY:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the translate process sent too little"
        time.sleep(0.002)
    assert server.count == HALFWAY + CONCURRENCY
    return process


def answer_until_it_exits(server: LoopbackServer, process: subprocess.Popen[str]) -> tuple[str, str]:
    """Once the run says it has stopped sending (its first line on stderr after a
    Ctrl-C), answer every request it has in flight, until it exits; (stdout, stderr).

    Waiting for that line, not for some time, keeps a busy machine from letting the
    workers send the rest of the batches before the Ctrl-C reaches the run."""
    stream = process.stderr
    assert stream is not None
    said: list[str] = []
    stopped = threading.Event()

    def listen() -> None:  # a thread: a run that never says it is a failure, not a hang
        for line in stream:
            said.append(line)
            if line.startswith("stopping: no more requests"):
                break
        stopped.set()

    threading.Thread(target=listen, daemon=True).start()
    assert stopped.wait(60), "the translate process never said it stopped"
    assert said and said[-1].startswith("stopping: no more requests"), said
    deadline = time.monotonic() + 60
    while True:
        server.release()
        try:
            out, err = process.communicate(timeout=0.2)
            return out, "".join(said) + err
        except subprocess.TimeoutExpired:
            assert time.monotonic() < deadline, "the translate process did not stop"


def finish(root: Path, server: LoopbackServer) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "l10n", "translate", "--provider", "libre"],
        cwd=root,
        env=process_environment(
            **libre(server, L10N_LIBRE_CONCURRENCY=str(CONCURRENCY), L10N_LIBRE_MAX_TEXTS=str(TEXTS_PER_REQUEST))
        ),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_a_killed_run_pays_again_at_most_for_the_requests_in_flight(agenda: tuple[Path, dict[str, str]]) -> None:
    root, table = agenda
    with NewsServer(table=table) as server:
        process = stuck_halfway(root, server)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        answered = {text for request in server.requests[:HALFWAY] for text in request.texts}
        in_flight = {text for request in server.requests[HALFWAY:] for text in request.texts}
        assert server.count == HALFWAY + CONCURRENCY < BATCHES, "killed halfway, not after the end"
        # A catalog is saved once its entries are answered, before the run ends:
        # the killed run may have saved some, and only with answers it was paid for.
        assert {e.msgid for _, e in live_entries(root) if e.msgstr} <= answered

        server.hold(None)
        result = finish(root, server)
        resent = [text for request in server.requests[HALFWAY + CONCURRENCY :] for text in request.texts]

    assert result.returncode == 0, result.stderr
    # The answered batches came from the cache; the batches in flight and those
    # never sent went out again, each text once.
    assert sorted(resent) == sorted(set(table) - answered)
    assert in_flight <= set(resent)
    assert f"{BATCHES - HALFWAY} requests" in result.stdout
    drafts = {e.msgid: e.msgstr for _, e in live_entries(root)}
    assert drafts == table


def test_ctrl_c_saves_the_drafts_so_far_and_a_rerun_resumes(agenda: tuple[Path, dict[str, str]]) -> None:
    root, table = agenda
    with NewsServer(table=table) as server:
        process = stuck_halfway(root, server)
        process.send_signal(signal.SIGINT)
        out, err = answer_until_it_exits(server, process)
        first = len(server.texts)

        saved = {e.msgid: e.msgstr for _, e in live_entries(root) if e.msgstr}

        server.hold(None)
        result = finish(root, server)
        total = len(server.texts)

    assert process.returncode == 130, err
    assert "interrupted: the drafts so far are saved" in err
    assert "Run it again to resume" in err
    assert "Traceback" not in err
    assert first < SEGMENTS
    assert len(saved) == first, "every answer that arrived, in flight ones included, is in a catalog"
    assert all(table[msgid] == text for msgid, text in saved.items())
    assert all(polib.pofile(str(path)) is not None for path in catalogs(root))
    assert f"{len(saved)} drafted" in out
    assert result.returncode == 0, result.stderr
    assert total == SEGMENTS, "nothing was paid twice"
    assert {e.msgid: e.msgstr for _, e in live_entries(root)} == table


def test_a_text_a_reviewer_rejected_is_not_taken_from_the_memory(newsroom: Path) -> None:

    add_article(newsroom, "port-a.md", f"{QUOTE}\n")
    add_article(newsroom, "port-b.md", f"{QUOTE}\n")
    extract(newsroom)
    first, second = "locales/en/news/port-a.md.po", "locales/en/news/port-b.md.po"
    edit_in_po_editor(newsroom, first, QUOTE, PERSON)
    code, out, _ = run(newsroom, "review", "list", "content/news/port-a.md", "--lang", "en")
    entry_id = out.split()[0]
    assert run(newsroom, "review", "reject", entry_id, "--comment", "too loose", "--reviewer", "Kim Min-ji")[0] == 0
    edit_in_po_editor(newsroom, second, QUOTE, PERSON)  # another translator chose the same words
    edit_in_po_editor(newsroom, first, QUOTE, "")  # and this one asks for a new draft

    with NewsServer() as server:
        code, out, err = run(
            newsroom, "translate", "--provider", "libre", "content/news/port-a.md", "--lang", "en", environ=libre(server)
        )

    assert code == 0, err
    assert out.strip().splitlines()[-1].startswith("1 drafted, 0 from memory")
    drafted = entry_in(newsroom, first, QUOTE)
    assert drafted.msgstr == "Automation halved handling time."  # the provider's
    assert "too loose" in drafted.tcomment, "the rejection stays bound to the text it rejected"
