"""Loopback servers that speak machine translation services' protocols, for tests.

Import it as ``from .mt_servers import LoopbackServer`` (tests is a package). A real
client (deep-translator, the ``deepl`` package, our own HTTP adapters) talks
to a real HTTP server on 127.0.0.1; nothing is mocked and nothing leaves the machine.

    with LoopbackServer("libre", {"안녕하세요": "Hello"}) as server:
        provider = create(ProviderSettings("libre", {"url": server.url}))
        assert provider.translate(["안녕하세요"], "ko", "en") == ["Hello"]
        server.fail_next("429")           # the next request gets a 429
        server.fault = "hang"             # every request hangs until stop()
        server.requests[-1].texts         # what arrived
        server.hold(after=20)             # requests after the next 20 wait unanswered...
        server.held                       # ...this many are waiting now...
        server.release()                  # ...until released (or hold(None), or stop())

A text missing from the table comes back as ``[<target>] <text>``. Faults (see
FAULTS) apply to the next requests queued with ``fail_next`` first, then to every
request while ``fault`` is set. ``delay`` adds a fixed pause before each answer.

Tests about timing use ``hold`` and ``together`` rather than ``delay``: a held
request stays in flight until the test says so, and with ``together=n`` every
request waits until n are in flight at once, so what a test sees does not depend on
how fast or busy the machine is.

From a shell, or a test that needs a server in another process (kill mid-run):

    python tests/mt_servers.py --protocol libre --port-file port.txt \\
        --table table.json [--fault 500] [--delay 0.05]

It writes the port number to the port file once it is listening (the file appears
complete or not at all) and serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import email.utils
import html
import json
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

PROTOCOLS = ("google", "microsoft", "libre", "mymemory", "baidu", "deepl", "papago", "openai")

FAULTS: dict[str, str] = {
    "429": "HTTP 429 with Retry-After in seconds (the server's retry_after)",
    "429-date": "HTTP 429 with Retry-After as an HTTP date retry_after seconds ahead",
    "429-bare": "HTTP 429 without Retry-After",
    "403": "the service's way of rejecting a key; the body repeats the credential it got",
    "500": "HTTP 500",
    "503": "HTTP 503",
    "hang": "no answer until hang_seconds pass or the server stops, then a closed connection",
    "drop": "the connection is closed without any answer",
    "malformed": "an answer the protocol's parser cannot read",
    "empty": "a well-formed answer whose translation is empty",
    "echo": "the source text as the translation",
    "html": "the translation wrapped in HTML markup",
    "drop-placeholder": "the translation with its first ⟦n⟧ placeholder missing",
    "quota": "the service's own way of saying the quota is used up",
    "redirect": "HTTP 307 to another host",
    "prose": "a chatty sentence instead of the translation (for an LLM's numbered batch: instead of the JSON object)",
}

PROSE = "Sure! Here are your translations."

# Where each protocol listens; anything else is a 404.
_PATHS = {
    "google": ("/m",),
    "microsoft": ("/translate",),
    "libre": ("/translate",),
    "mymemory": ("/get",),
    "baidu": ("/api/trans/vip/translate",),
    "deepl": ("/v2/translate",),
    "papago": ("/nmt/v1/translation",),
    "openai": ("/chat/completions", "/v1/chat/completions"),
}

_PLACEHOLDER = re.compile(r"\s?⟦\d+⟧")


@dataclass(frozen=True)
class Request:
    """One request as it arrived."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    texts: tuple[str, ...]  # the texts to translate, as the protocol carries them
    source: str
    target: str
    fault: str | None  # the fault this request got, if any

    @property
    def url(self) -> str:
        """Path and query string, as a log line would show them."""
        query = "&".join(f"{key}={value}" for key, values in self.query.items() for value in values)
        return f"{self.path}?{query}" if query else self.path


@dataclass
class _Parsed:
    texts: list[str]
    source: str = ""
    target: str = ""
    credential: str = ""
    model: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class LoopbackServer:
    """An HTTP server on 127.0.0.1 (a free port) in a thread, speaking one protocol."""

    def __init__(
        self,
        protocol: str,
        table: Mapping[str, str] | None = None,
        *,
        fault: str | None = None,
        delay: float = 0.0,
        retry_after: float = 2,
        hang_seconds: float = 30.0,
        together: int = 1,
        port: int = 0,
    ) -> None:
        if protocol not in PROTOCOLS:
            raise ValueError(f"unknown protocol {protocol!r}; known: {', '.join(PROTOCOLS)}")
        self.protocol = protocol
        self.table: dict[str, str] = dict(table or {})
        self.delay = delay
        self.retry_after = retry_after
        self.hang_seconds = hang_seconds
        self._fault: str | None = None
        self.fault = fault
        self._queued: list[str | None] = []
        self._requests: list[Request] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # hold() and release() wake held requests
        self._in_flight = 0
        self._max_in_flight = 0
        self._arrived = 0  # requests numbered in order of arrival; reset() keeps counting
        self._hold_after: int | None = None  # requests numbered above this wait...
        self._released = 0  # ...unless numbered up to this
        self._held = 0
        self._together = threading.Barrier(together) if together > 1 else None
        self._stopping = threading.Event()
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, name=f"loopback-{protocol}", daemon=True
        )
        self._thread.start()

    # -- what a test reads -------------------------------------------------------

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """The service root, what goes in a provider's ``url`` option."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    @property
    def count(self) -> int:
        """How many requests have arrived."""
        with self._lock:
            return len(self._requests)

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight

    @property
    def max_in_flight(self) -> int:
        """The most requests being answered at the same moment so far."""
        with self._lock:
            return self._max_in_flight

    @property
    def held(self) -> int:
        """How many requests are waiting, unanswered, for ``release`` (see ``hold``)."""
        with self._lock:
            return self._held

    @property
    def texts(self) -> list[str]:
        """Every text that arrived, in order of arrival."""
        return [text for request in self.requests for text in request.texts]

    # -- what a test sets ----------------------------------------------------------

    @property
    def fault(self) -> str | None:
        return self._fault

    @fault.setter
    def fault(self, value: str | None) -> None:
        _check_fault(value)
        self._fault = value

    def fail_next(self, *faults: str | None) -> None:
        """The next requests get these faults, one each, in order (None: answer well)."""
        for fault in faults:
            _check_fault(fault)
        with self._lock:
            self._queued.extend(faults)

    def hold(self, after: int | None = 0) -> None:
        """Answer the next ``after`` requests as usual; leave the ones after them in
        flight, unanswered, until ``release``. ``None`` stops holding (and answers
        every held request)."""
        with self._changed:
            self._hold_after = None if after is None else self._arrived + after
            self._changed.notify_all()

    def release(self) -> None:
        """Answer the requests held now; requests that arrive later are held in turn."""
        with self._changed:
            self._released = self._arrived
            self._changed.notify_all()

    def reset(self) -> None:
        """Forget what arrived and every fault."""
        with self._lock:
            self._requests.clear()
            self._queued.clear()
            self._max_in_flight = self._in_flight
        self.fault = None

    def stop(self) -> None:
        """Stop serving; hanging, held or delayed answers end at once. Safe to call twice."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()
        if self._together is not None:
            self._together.abort()
        self._httpd.shutdown()
        self._httpd.server_close()  # waits for the handler threads
        self._thread.join()

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- answering -----------------------------------------------------------------

    def translation(self, text: str, target: str) -> str:
        if text not in self.table and self.protocol == "baidu" and "\n" in text:
            # Baidu translates line by line.
            return "\n".join(self.translation(line, target) for line in text.split("\n"))
        return self.table.get(text, f"[{target or 'tr'}] {text}")

    def _handle(self, handler: _Handler) -> None:
        split = urlsplit(handler.path)
        query = parse_qs(split.query, keep_blank_values=True)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        headers = {key: value for key, value in handler.headers.items()}
        try:
            parsed = _PARSERS[self.protocol](query, headers, body) if split.path in _PATHS[self.protocol] else None
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            parsed = _Parsed(texts=[], extra={"unreadable": True})
        with self._lock:
            fault = self._queued.pop(0) if self._queued else self._fault
            self._requests.append(
                Request(
                    method=handler.command,
                    path=split.path,
                    query=query,
                    headers=headers,
                    body=body,
                    texts=tuple(parsed.texts) if parsed else (),
                    source=parsed.source if parsed else "",
                    target=parsed.target if parsed else "",
                    fault=fault,
                )
            )
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            self._arrived += 1
            number = self._arrived
        try:
            if self._together is not None:
                try:
                    self._together.wait()
                except threading.BrokenBarrierError:
                    return  # stopping
            if self._wait_while_held(number) or (self.delay and self._stopping.wait(self.delay)):
                return
            if parsed is None:
                _send(handler, 404, {"error": f"no such endpoint: {split.path}"})
            elif parsed.extra.get("unreadable"):
                _send(handler, 400, {"error": "unreadable request"})
            else:
                self._answer(handler, parsed, fault)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _wait_while_held(self, number: int) -> bool:
        """Keep request ``number`` unanswered while it is held; True when stopping."""
        with self._changed:
            if self._is_held(number):
                self._held += 1
                try:
                    while self._is_held(number) and not self._stopping.is_set():
                        self._changed.wait()
                finally:
                    self._held -= 1
        return self._stopping.is_set()

    def _is_held(self, number: int) -> bool:
        return self._hold_after is not None and number > max(self._hold_after, self._released)

    def _answer(self, handler: _Handler, parsed: _Parsed, fault: str | None) -> None:
        protocol = self.protocol
        if fault == "hang":
            self._stopping.wait(self.hang_seconds)
            handler.close_connection = True
            return
        if fault == "drop":
            handler.close_connection = True
            return
        if fault in ("429", "429-date", "429-bare"):
            extra = {}
            if fault == "429":
                extra["Retry-After"] = f"{self.retry_after:g}"
            elif fault == "429-date":
                extra["Retry-After"] = email.utils.formatdate(time.time() + self.retry_after, usegmt=True)
            _send(handler, 429, {"message": "Too many requests"}, extra)
            return
        if fault in ("500", "503"):
            _send(handler, int(fault), "<html><body>Server Error</body></html>", content_type="text/html")
            return
        if fault == "redirect":
            _send(handler, 307, "", {"Location": "http://127.0.0.2:9/elsewhere"}, content_type="text/plain")
            return
        if fault == "403":
            _REJECT[protocol](handler, parsed)
            return
        if fault == "quota":
            _QUOTA[protocol](handler, parsed)
            return
        if fault == "malformed":
            if protocol == "google":
                _send(handler, 200, "<html><body><p>unusual traffic</p></body></html>", content_type="text/html")
            else:
                _send(handler, 200, '{"translations": [{"text": ', content_type="application/json")
            return
        translations = [self._faulty(self.translation(text, parsed.target), text, fault) for text in parsed.texts]
        if fault == "prose":
            parsed.extra.pop("numbered", None)  # the model forgot the format it was asked for
            translations = [PROSE for _ in parsed.texts]
        _RENDER[protocol](handler, parsed, translations, self)

    @staticmethod
    def _faulty(translation: str, text: str, fault: str | None) -> str:
        if fault == "echo":
            return text
        if fault == "empty":
            return ""
        if fault == "html":
            return f'<span class="notranslate">{translation}</span>'
        if fault == "drop-placeholder":
            return _PLACEHOLDER.sub("", translation, count=1)
        return translation


def _check_fault(fault: str | None) -> None:
    if fault is not None and fault not in FAULTS:
        raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")


class _Server(ThreadingHTTPServer):
    owner: LoopbackServer
    daemon_threads = False  # joined at server_close, so no thread outlives stop()
    block_on_close = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that timed out and left makes our late write fail; that is the
        # point of the hang fault, not a server bug.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers at stop
    timeout = 10

    def do_GET(self) -> None:
        self.server.owner._handle(self)

    def do_POST(self) -> None:
        self.server.owner._handle(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: Any,
    headers: Mapping[str, str] | None = None,
    *,
    content_type: str = "application/json",
) -> None:
    if isinstance(body, (dict, list)):
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    else:
        data = str(body).encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", f"{content_type}; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(data)


# -- reading requests ---------------------------------------------------------------


def _first(values: Mapping[str, list[str]], key: str, default: str = "") -> str:
    found = values.get(key)
    return found[0] if found else default


def _params(query: Mapping[str, list[str]], headers: Mapping[str, str], body: bytes) -> dict[str, list[str]]:
    """Query string, form body and JSON body merged, as lists of values."""
    merged: dict[str, list[str]] = {key: list(values) for key, values in query.items()}
    kind = next((value for key, value in headers.items() if key.lower() == "content-type"), "")
    if body and "json" in kind:
        data = json.loads(body.decode("utf-8"))
        if isinstance(data, dict):
            for key, value in data.items():
                merged.setdefault(key, []).extend(value if isinstance(value, list) else [value])
    elif body:
        for key, values in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
            merged.setdefault(key, []).extend(values)
    return merged


def _header(headers: Mapping[str, str], name: str) -> str:
    return next((value for key, value in headers.items() if key.lower() == name.lower()), "")


def _parse_google(query, headers, body) -> _Parsed:
    return _Parsed([_first(query, "q")], _first(query, "sl"), _first(query, "tl"))


def _parse_microsoft(query, headers, body) -> _Parsed:
    items = json.loads(body.decode("utf-8"))
    texts = [item.get("text", item.get("Text", "")) for item in items]
    return _Parsed(texts, _first(query, "from"), _first(query, "to"), _header(headers, "Ocp-Apim-Subscription-Key"))


def _parse_libre(query, headers, body) -> _Parsed:
    values = _params(query, headers, body)
    parsed = _Parsed([_first(values, "q")], _first(values, "source"), _first(values, "target"), _first(values, "api_key"))
    if "json" in _header(headers, "Content-Type") and isinstance(json.loads(body.decode("utf-8")).get("q"), list):
        # LibreTranslate takes a list in ``q`` (JSON only) and answers a list.
        parsed.texts = values.get("q", [])
        parsed.extra["list"] = True
    return parsed


def _parse_mymemory(query, headers, body) -> _Parsed:
    source, _, target = _first(query, "langpair").partition("|")
    return _Parsed([_first(query, "q")], source, target, _first(query, "key"))


def _parse_baidu(query, headers, body) -> _Parsed:
    values = _params(query, headers, body)
    return _Parsed([_first(values, "q")], _first(values, "from"), _first(values, "to"), _first(values, "appid"))


def _parse_deepl(query, headers, body) -> _Parsed:
    values = _params(query, headers, body)
    credential = _header(headers, "Authorization").removeprefix("DeepL-Auth-Key ")
    return _Parsed(values.get("text", []), _first(values, "source_lang"), _first(values, "target_lang"), credential)


def _parse_papago(query, headers, body) -> _Parsed:
    values = _params(query, headers, body)
    credential = _header(headers, "X-NCP-APIGW-API-KEY")
    return _Parsed([_first(values, "text")], _first(values, "source"), _first(values, "target"), credential)


def _parse_openai(query, headers, body) -> _Parsed:
    data = json.loads(body.decode("utf-8"))
    users = [message["content"] for message in data["messages"] if message.get("role") == "user"]
    credential = _header(headers, "Authorization").removeprefix("Bearer ")
    parsed = _Parsed(users[-1:], "", "", credential, model=str(data.get("model", "")))
    try:
        numbered = json.loads(users[-1])
    except ValueError:
        numbered = None
    if isinstance(numbered, dict) and numbered and all(key.isdigit() for key in numbered):
        # A numbered batch: the model answers a JSON object with the same keys.
        parsed.texts = [str(value) for value in numbered.values()]
        parsed.extra["numbered"] = list(numbered)
    return parsed


_PARSERS: dict[str, Callable[..., _Parsed]] = {
    "google": _parse_google,
    "microsoft": _parse_microsoft,
    "libre": _parse_libre,
    "mymemory": _parse_mymemory,
    "baidu": _parse_baidu,
    "deepl": _parse_deepl,
    "papago": _parse_papago,
    "openai": _parse_openai,
}


# -- answering well ------------------------------------------------------------------


def _render_google(handler, parsed, translations, server) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Google Translate</title></head><body>"
        f'<div class="result-container">{html.escape(translations[0])}</div></body></html>'
    )
    _send(handler, 200, page, content_type="text/html")


def _render_microsoft(handler, parsed, translations, server) -> None:
    _send(handler, 200, [{"translations": [{"text": text, "to": parsed.target}]} for text in translations])


def _render_libre(handler, parsed, translations, server) -> None:
    _send(handler, 200, {"translatedText": translations if parsed.extra.get("list") else translations[0]})


def _render_mymemory(handler, parsed, translations, server) -> None:
    text, translation = parsed.texts[0], translations[0]
    match = {"id": "1", "segment": text, "translation": translation, "quality": "74", "match": 0.85}
    _send(
        handler,
        200,
        {
            "responseData": {"translatedText": translation, "match": 0.85},
            "quotaFinished": False,
            "responseDetails": "",
            "responseStatus": 200,
            "matches": [match],
        },
    )


def _render_baidu(handler, parsed, translations, server) -> None:
    # Baidu answers one entry per line of the query.
    lines, translated = parsed.texts[0].split("\n"), translations[0].split("\n")
    pairs = list(zip(lines, translated, strict=True)) if len(lines) == len(translated) else [(parsed.texts[0], translations[0])]
    result = [{"src": source, "dst": target} for source, target in pairs]
    _send(handler, 200, {"from": parsed.source, "to": parsed.target, "trans_result": result})


def _render_deepl(handler, parsed, translations, server) -> None:
    detected = (parsed.source or "KO").upper()
    _send(
        handler,
        200,
        {
            "translations": [
                {"detected_source_language": detected, "text": text, "billed_characters": len(source)}
                for source, text in zip(parsed.texts, translations, strict=True)
            ]
        },
    )


def _render_papago(handler, parsed, translations, server) -> None:
    result = {"srcLangType": parsed.source, "tarLangType": parsed.target, "translatedText": translations[0]}
    message = {"@type": "response", "@service": "naverservice.nmt.proxy", "@version": "1.0.0", "result": result}
    _send(handler, 200, {"message": message})


def _render_openai(handler, parsed, translations, server) -> None:
    keys = parsed.extra.get("numbered")
    content = json.dumps(dict(zip(keys, translations, strict=True)), ensure_ascii=False) if keys else translations[0]
    _send(
        handler,
        200,
        {
            "id": "chatcmpl-loopback",
            "object": "chat.completion",
            "created": 0,
            "model": parsed.model,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        },
    )


_RENDER: dict[str, Callable[..., None]] = {
    "google": _render_google,
    "microsoft": _render_microsoft,
    "libre": _render_libre,
    "mymemory": _render_mymemory,
    "baidu": _render_baidu,
    "deepl": _render_deepl,
    "papago": _render_papago,
    "openai": _render_openai,
}


# -- rejecting a key, each service in its own way (the body repeats what it got) ------


def _reject(status: int, make_body: Callable[[str], Any]) -> Callable[[BaseHTTPRequestHandler, _Parsed], None]:
    def reject(handler: BaseHTTPRequestHandler, parsed: _Parsed) -> None:
        body = make_body(parsed.credential)
        if isinstance(body, str):
            _send(handler, status, body, content_type="text/html")
        else:
            _send(handler, status, body)

    return reject


_REJECT = {
    "google": _reject(403, lambda key: "<html><body>403. That's an error.</body></html>"),
    "microsoft": _reject(401, lambda key: {"error": {"code": 401000, "message": f"Invalid subscription key {key}."}}),
    "libre": _reject(403, lambda key: {"error": f"Invalid API key: {key}"}),
    "mymemory": _reject(403, lambda key: {"responseDetails": f"INVALID KEY {key}", "responseStatus": 403}),
    "baidu": _reject(200, lambda appid: {"error_code": "52003", "error_msg": f"UNAUTHORIZED USER {appid}"}),
    "deepl": _reject(403, lambda key: {"message": f"Wrong authentication key {key}"}),
    "papago": _reject(401, lambda key: {"error": {"errorCode": "200", "message": f"Authentication Failed {key}"}}),
    "openai": _reject(
        401,
        lambda key: {
            "error": {
                "message": f"Incorrect API key provided: {key}.",
                "type": "invalid_request_error",
                "code": "invalid_api_key",
            }
        },
    ),
}

MYMEMORY_WARNING = (
    "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  "
    "10 HOURS 20 MINUTES 15 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP TO TRANSLATE MORE"
)


def _quota_mymemory(handler: BaseHTTPRequestHandler, parsed: _Parsed) -> None:
    # The warning arrives as an ordinary, successful translation.
    _send(
        handler,
        200,
        {
            "responseData": {"translatedText": MYMEMORY_WARNING, "match": 1},
            "quotaFinished": True,
            "responseDetails": "",
            "responseStatus": 200,
            "matches": [],
        },
    )


_QUOTA = {
    "google": _reject(429, lambda key: "<html><body>unusual traffic</body></html>"),
    "microsoft": _reject(429, lambda key: {"error": {"code": 429000, "message": "Quota exceeded."}}),
    "libre": _reject(429, lambda key: {"error": "Too many request limits violations"}),
    "mymemory": _quota_mymemory,
    "baidu": _reject(200, lambda key: {"error_code": "54003", "error_msg": "Invalid Access Limit"}),
    "deepl": _reject(456, lambda key: {"message": "Quota Exceeded"}),
    "papago": _reject(429, lambda key: {"error": {"errorCode": "400", "message": "Quota Exceeded"}}),
    "openai": _reject(
        429, lambda key: {"error": {"message": "You exceeded your current quota.", "code": "insufficient_quota"}}
    ),
}


# -- a server in its own process -------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve one MT protocol on 127.0.0.1 until killed.")
    parser.add_argument("--protocol", required=True, choices=PROTOCOLS)
    parser.add_argument("--port-file", required=True, type=Path, help="written with the port once listening")
    parser.add_argument("--table", type=Path, help="JSON object: source text -> translation")
    parser.add_argument("--fault", choices=sorted(FAULTS), help="apply to every request")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--retry-after", type=float, default=2.0)
    parser.add_argument("--port", type=int, default=0)
    options = parser.parse_args(argv)
    table = json.loads(options.table.read_text(encoding="utf-8")) if options.table else {}
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    server = LoopbackServer(
        options.protocol,
        table,
        fault=options.fault,
        delay=options.delay,
        retry_after=options.retry_after,
        port=options.port,
    )
    try:
        partial = options.port_file.with_name(options.port_file.name + ".partial")
        partial.write_text(str(server.port), encoding="utf-8")
        os.replace(partial, options.port_file)
        while not done.wait(0.2):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
