"""Benchmark: ``l10n translate`` against a LibreTranslate that takes 50 ms per answer.

Builds Markdown articles of 20 one-sentence (or two-sentence) paragraphs from the
Korean-English news sentence pairs in ../shared/corpus (skipped with a message
when the corpus is absent), runs ``l10n extract``, then times ``l10n translate
--provider libre`` as a whole process against a loopback server in this process
that answers each request (one text or a list of them) with the aligned English
side after ``--delay`` seconds.

The run uses a user's defaults except for the settings printed under "overrides"
(the server's url, and the concurrency the benchmark asks for); the loopback
server is local, so it is not paced, as any self-hosted server would not be.

The corpus has 1,000 lines, so segments past the first 1,000 pair two consecutive
lines into one paragraph; a duplicate line in the corpus is a duplicate segment,
and only distinct texts should be sent. Printed per project size:

- requests against what a batched run needs (the distinct texts cut to the
  provider's limits: per language, texts / max_texts rounded up; target: no more
  than texts / limit rounded up + languages);
- CPU time (user + sys) of the translate process;
- where its wall time goes, each figure saying what it includes: the whole
  command (process start to exit); Python start-up and imports alone (a separate
  process importing what translate imports); before the first request (start-up,
  imports, planning: reading every catalog, the memory, the cache); the requests
  and the saving, from the first request's arrival to the last catalog or history
  log renamed into place (their ctime); and what follows: judging each catalog
  written as status would, to keep its verdict (verdicts.carry_forward, about
  5 ms a catalog), the report, the exit;
- the ideal (needed requests / concurrency x delay: the requests alone) and each
  figure's ratio to it. The goal (<= 1.3) is for the requests and the saving:
  first request to last saved draft. The network phase alone (first request to
  last answer, as the server saw them) is printed beside it;
- characters sent against the characters of the distinct untranslated texts as
  protected for sending (target ratio 1.00);
- requests of an immediate re-run (target 0);
- peak RSS of the translate process (os.wait4), which should not grow with size.

    python bench/translate.py                       # 500 and 2,000 segments
    python bench/translate.py --segments 2000 --concurrency 8 --delay 0.05
"""

from __future__ import annotations

import argparse
import math
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import CORPUS, REPO, corpus_missing, environment, load_corpus, machine_speed, run_l10n, warm_up

PER_ARTICLE = 20

sys.path.insert(0, str(REPO))

import polib  # noqa: E402

from l10n.mt import create  # noqa: E402
from l10n.mt.base import ProviderSettings  # noqa: E402
from l10n.mt.runner import Job, plan_batches  # noqa: E402
from l10n.qa.protect import TOKEN, protect  # noqa: E402
from l10n.text.language import detect_language  # noqa: E402
from l10n.text.scripts import has_hangul  # noqa: E402
from tests.mt_servers import LoopbackServer  # noqa: E402

# A line that Markdown would read as something other than a plain paragraph.
_BLOCK_START = re.compile(r"^(?:[-+*>#|]|\d+[.)]\s|```|~~~|<)")


class CorpusServer(LoopbackServer):
    """LibreTranslate on 127.0.0.1 answering from the corpus's English side."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # The test server listens with socketserver's backlog of 5 and takes one
        # request per connection: 8 workers connecting at once could overflow it, and
        # a dropped connection attempt is retried by the client's kernel a whole
        # second later (seen: one request of 50 ms taking 1.08 s). A real server's
        # backlog is far larger; so is this one's now.
        self._httpd.socket.listen(128)
        self._times = threading.Lock()
        self.first_arrival: float | None = None
        self.last_answer: float | None = None
        self.first_arrival_epoch: float | None = None  # time.time(), to compare with file times

    def translation(self, text: str, target: str) -> str:
        return self.table.get(text, f"[{target}] {text}")

    def _handle(self, handler) -> None:  # type: ignore[no-untyped-def]
        with self._times:
            if self.first_arrival is None:
                self.first_arrival = time.perf_counter()
                self.first_arrival_epoch = time.time()
        super()._handle(handler)
        with self._times:
            self.last_answer = time.perf_counter()

    def network_seconds(self) -> float:
        if self.first_arrival is None or self.last_answer is None:
            return 0.0
        return self.last_answer - self.first_arrival


def load_pairs(folder: Path) -> list[tuple[str, str]]:
    """Line-aligned (Korean, English) pairs fit for one Markdown paragraph each."""
    korean, english = load_corpus(folder)
    pairs = []
    for ko, en in zip(korean, english, strict=True):
        ko, en = ko.strip(), en.strip()
        # Some "Korean" lines are mostly English: extract would file them as English.
        usable = detect_language(ko) == "ko" and detect_language(en) == "en"
        if usable and not has_hangul(en) and not _BLOCK_START.match(ko):
            pairs.append((ko, en))
    return pairs


def segments(pairs: list[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """``count`` paragraphs: every line once, then consecutive lines two by two."""
    out = list(pairs[:count])
    index = 0
    while len(out) < count:
        (ko1, en1), (ko2, en2) = pairs[index % len(pairs)], pairs[(index + 1) % len(pairs)]
        out.append((f"{ko1} {ko2}", f"{en1} {en2}"))
        index += 1
    return out


def make_project(root: Path, paragraphs: list[tuple[str, str]]) -> None:
    if root.exists():
        shutil.rmtree(root)
    content = root / "content" / "news"
    content.mkdir(parents=True)
    for start in range(0, len(paragraphs), PER_ARTICLE):
        body = "\n\n".join(ko for ko, _ in paragraphs[start : start + PER_ARTICLE])
        (content / f"story-{start // PER_ARTICLE:04d}.md").write_text(body + "\n", encoding="utf-8")
    (root / "l10n.toml").write_text('languages = ["ko", "en"]\n', encoding="utf-8")


def answer_table(root: Path, english: dict[str, str]) -> tuple[dict[str, str], int, set[tuple[str, str]]]:
    """What the server answers for each text as sent, and what should be sent.

    Returns (table, untranslated entries, distinct (language, text) to send). A text
    with placeholders gets them back after the English, as a provider keeps them.
    """
    table: dict[str, str] = {}
    entries = 0
    distinct: set[tuple[str, str]] = set()
    for path in sorted((root / "locales").rglob("*.po")):
        lang = path.relative_to(root / "locales").parts[0]
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgstr:
                continue
            entries += 1
            sent = protect(entry.msgid).text
            distinct.add((lang, sent))
            if entry.msgid in english:
                tokens = TOKEN.findall(sent)
                table[sent] = english[entry.msgid] + "".join(f" ⟦{number}⟧" for number in tokens)
    return table, entries, distinct


def last_saved(root: Path, since: float) -> float | None:
    """When the last catalog or history log was renamed into place after ``since`` (time.time()).

    A rename sets the file's ctime; the drafts are in files renamed, never rewritten in place."""
    times = [
        path.stat().st_ctime_ns / 1e9
        for pattern in ("*.po", "*.history.jsonl")
        for path in (root / "locales").rglob(pattern)
    ]
    times = [moment for moment in times if moment >= since]
    return max(times) if times else None


def imports(environ: dict[str, str], root: Path) -> float:
    """Seconds for a process that starts Python and imports what ``l10n translate`` imports."""
    modules = "l10n.cli, l10n.cli.translate, l10n.app.translate, l10n.mt.providers.deep"
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {modules}"], cwd=root, env=environ, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def run(root: Path, environ: dict[str, str], *args: str) -> tuple[float, float, int, str, int]:
    """Run ``l10n ARGS`` in root: (wall seconds, CPU seconds, peak RSS in MiB, output, exit code).

    CPU is user + sys of the process and its children, from this process's
    RUSAGE_CHILDREN before and after (``run_l10n`` waits for the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    timed = run_l10n(root, *args, env=environ, ok=(0, 1))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return timed.seconds, cpu, timed.rss_mib, timed.output, timed.code


def needed_requests(url: str, distinct: set[tuple[str, str]]) -> tuple[int, int, int]:
    """(requests a batched run needs, the adapter's max_texts, languages) for libre at ``url``."""
    adapter = create(ProviderSettings(name="libre", options={"url": url}))
    jobs = [Job(number, text, "ko" if lang == "en" else "en", lang) for number, (lang, text) in enumerate(sorted(distinct))]
    batches = plan_batches(jobs, adapter.max_texts, adapter.max_request_chars)
    return len(batches), adapter.max_texts, len({lang for lang, _ in distinct})


def startup(environ: dict[str, str], root: Path) -> float:
    """Seconds for ``l10n --version`` as a process: the fixed cost inside every wall time."""
    return min(run_l10n(root, "--version", env=environ).seconds for _ in range(3))


def bench(work: Path, pairs: list[tuple[str, str]], count: int, concurrency: int, delay: float) -> dict[str, float]:
    root = work / f"project-{count}"
    paragraphs = segments(pairs, count)
    make_project(root, paragraphs)
    english = dict(paragraphs)
    environ = environment()
    run_l10n(root, "extract", env=environ)
    table, entries, distinct_texts = answer_table(root, english)
    distinct, distinct_chars = len(distinct_texts), sum(len(text) for _, text in distinct_texts)

    with CorpusServer("libre", table, delay=delay) as server:
        # Everything else is a user's default (pace, batch size, retries, timeout).
        overrides = {"L10N_LIBRE_URL": server.url, "L10N_LIBRE_CONCURRENCY": str(concurrency)}
        environ |= overrides
        needed, max_texts, languages = needed_requests(server.url, distinct_texts)
        started = time.time()
        wall, cpu, rss, out, code = run(root, environ, "translate", "--provider", "libre")
        network = server.network_seconds()
        first = server.first_arrival_epoch or started
        saved = last_saved(root, started) or first
        requests = server.count
        sent_chars = sum(len(text) for text in server.texts)
        most = server.max_in_flight
        summary = next((line for line in out.splitlines() if " drafted, " in line), out.strip()[-200:])
        rerun_wall, rerun_cpu, rerun_rss, _, _ = run(root, environ, "translate", "--provider", "libre")
        rerun_requests = server.count - requests
        base = startup(environ, root)
        imported = imports(environ, root)

    ideal = max(needed / concurrency * delay, 1e-9)
    # Requests go out in whole rounds: 10 requests on 8 workers take two answers' time.
    rounds = math.ceil(needed / concurrency) * delay
    bound = math.ceil(distinct / max_texts) + languages
    print(f"\n{count} segments ({entries} untranslated entries, {distinct} distinct texts) in {root}")
    print("  overrides:          " + ", ".join(f"{key}={value}" for key, value in overrides.items())
          + "  (url: the loopback server; concurrency: the benchmark's, the default is 4)")
    print(f"  summary line:       {summary}  [exit {code}]")
    for line in [line for line in out.splitlines() if line.startswith("failed")][:3]:
        print(f"  {line[:160]}")
    print(f"  requests:           {requests}  (needed {needed} at {max_texts} texts per request; bound "
          f"ceil({distinct}/{max_texts}) + {languages} = {bound}: {'ok' if requests <= bound else 'OVER'}; "
          f"most in flight at once: {most})")
    working = saved - first
    print(f"  CPU time:           {cpu:.2f} s  (user + sys of the translate process and its threads)")
    print(f"  ideal:              {ideal:.3f} s  = {needed} / {concurrency} x {delay * 1000:.0f} ms: the requests alone"
          f"  (in whole rounds: {rounds:.3f} s)")
    print(f"  whole command:      {wall:.2f} s  = {wall / ideal:.2f} x ideal  (process start to exit)")
    print(f"    start-up+imports: {imported:.2f} s  (a process importing what translate imports; "
          f"'l10n --version': {base:.2f} s)")
    print(f"    before 1st request:{first - started:6.2f} s  (start-up, imports, planning: every catalog read)")
    print(f"    requests+saving:  {working:.2f} s  = {working / ideal:.2f} x ideal  (first request to last "
          f"catalog or log saved; target <= 1.3)")
    print(f"      network phase:  {network:.2f} s  = {network / ideal:.2f} x ideal  (first request to last answer, "
          f"as the server saw them; / whole rounds: {network / rounds:.2f})")
    print(f"    after last save:  {started + wall - saved:.2f} s  (the catalogs' verdicts kept for status, report, exit)")
    print(f"  characters sent:    {sent_chars:,} vs {distinct_chars:,} distinct  -> {sent_chars / max(distinct_chars, 1):.2f}")
    print(f"  re-run:             {rerun_requests} requests, {rerun_wall:.2f} s wall, {rerun_cpu:.2f} s CPU, peak RSS {rerun_rss} MiB")
    print(f"  peak RSS:           {rss} MiB")
    return {"segments": count, "wall": wall, "cpu": cpu, "ideal": ideal, "rss": rss, "requests": requests}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, action="append", help="segments per project (repeatable; default 500 and 2000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds the server takes per answer")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and print where")
    parser.add_argument(
        "--work", type=Path, default=REPO / ".cache" / "bench", help="where to generate projects (default .cache/bench)"
    )
    options = parser.parse_args()
    if corpus_missing(options.corpus):
        return
    pairs = load_pairs(options.corpus)
    options.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="l10n-translate-", dir=options.work))
    print(f"{len(pairs)} usable sentence pairs ({len(set(ko for ko, _ in pairs))} distinct Korean lines)")
    warm_up()
    print(machine_speed(), "before the runs")
    rows = [bench(work, pairs, count, options.concurrency, options.delay) for count in options.segments or [500, 2000]]
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        print(
            f"\npeak RSS {small['rss']} MiB at {small['segments']} segments, {large['rss']} MiB at "
            f"{large['segments']}: {large['rss'] / small['rss']:.2f}x for {large['segments'] / small['segments']:.0f}x the work"
        )
    print(machine_speed(), "after the runs")
    if options.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
