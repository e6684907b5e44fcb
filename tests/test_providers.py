"""Machine translation providers, each through its real client against a loopback
server that speaks the service's protocol (tests/mt_servers.py). Nothing here
reaches a public service."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from deep_translator import GoogleTranslator
from hypothesis import given
from hypothesis import strategies as st

from l10n.mt import PROVIDER_NAMES, PROVIDERS, create
from l10n.mt.base import (
    BadResponse,
    ConfigurationError,
    ProviderError,
    ProviderSettings,
    RateLimited,
    TransientError,
)
from l10n.mt.providers.http import retry_after
from l10n.mt.providers.openai_chat import language_name
from l10n.mt.providers.pseudo import pseudo
from tests.mt_servers import PROTOCOLS, LoopbackServer

CANARY = "CANARY-KEY-8f3a"
TABLE = {"안녕하세요": "Hello", "세계": "World", "기사 ⟦1⟧ 참조": "See article ⟦1⟧"}
# What each service needs besides its URL.
REQUIRED = {"baidu": {"appid": "app-1"}, "papago": {"key_id": "key-id-1"}, "openai": {"model": "local-model"}}
# How each service spells Korean -> English, as the server saw it.
LANGUAGES = {
    "google": ("ko", "en"),
    "microsoft": ("ko", "en"),
    "libre": ("ko", "en"),
    "mymemory": ("ko-KR", "en-US"),
    "baidu": ("kor", "en"),
    "deepl": ("KO", "EN-US"),
    "papago": ("ko", "en"),
    "openai": ("", ""),  # the languages travel in the prompt
}


# Long enough for a loopback answer on a machine under any load; tests about hangs
# pass a short timeout of their own.
ANSWER_TIMEOUT = 30.0


def provider_for(server: LoopbackServer, *, secret: str | None = CANARY, timeout: float = ANSWER_TIMEOUT, **options: str):
    name = server.protocol
    settings = ProviderSettings(
        name=name, options={"url": server.url, **REQUIRED.get(name, {}), **options}, secret=secret, timeout=timeout
    )
    return create(settings)


def chain(error: BaseException) -> list[BaseException]:
    """The error and everything chained to it, as a traceback would show."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


# -- the registry ------------------------------------------------------------------------


def test_every_provider_a_user_can_name_is_registered():
    assert set(PROVIDER_NAMES) == {
        "google", "microsoft", "libre", "mymemory", "baidu", "deepl", "papago", "openai", "pseudo",
    }  # fmt: skip
    assert set(PROVIDERS) == set(PROVIDER_NAMES)


@pytest.mark.parametrize(("typed", "suggestion"), [("gogle", "google"), ("deepL-api", "deepl"), ("papagoo", "papago")])
def test_a_misspelt_provider_name_gets_a_suggestion(typed, suggestion):
    with pytest.raises(ConfigurationError) as caught:
        create(ProviderSettings(name=typed))
    assert f'did you mean "{suggestion}"' in str(caught.value)
    assert "known providers: baidu, deepl, google" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "default"),
    [
        ("google", 4800),
        ("microsoft", 45000),
        ("libre", 1800),
        ("mymemory", 160),
        ("baidu", 2000),
        ("deepl", 20000),
        ("papago", 5000),
        ("openai", 6000),
        ("pseudo", 100_000),
    ],
)
def test_each_provider_has_a_documented_max_chars_that_options_override(name, default):
    options = {"appid": "a", "key_id": "k"}
    assert create(ProviderSettings(name=name, options=options, secret="k")).max_chars == default
    overridden = create(ProviderSettings(name=name, options={**options, "max_chars": "300"}, secret="k"))
    assert overridden.max_chars == 300


def test_a_max_chars_that_is_not_a_number_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="max_chars must be a positive whole number"):
        create(ProviderSettings(name="pseudo", options={"max_chars": "lots"}))


@pytest.mark.parametrize(
    ("name", "options", "hint"),
    [
        ("microsoft", {}, "L10N_MICROSOFT_API_KEY"),
        ("baidu", {"appid": "a"}, "L10N_BAIDU_API_KEY"),
        ("deepl", {}, "L10N_DEEPL_API_KEY"),
        ("papago", {"key_id": "k"}, "L10N_PAPAGO_API_KEY"),
    ],
)
def test_a_service_that_needs_a_key_says_which_variable_to_set(name, options, hint):
    with pytest.raises(ConfigurationError, match=hint):
        create(ProviderSettings(name=name, options=options))


@pytest.mark.parametrize(
    ("name", "options", "needs"),
    [
        ("microsoft", {}, "an API key"),
        ("baidu", {"appid": "a"}, "an API key"),
        ("deepl", {}, "an API key"),
        ("papago", {"key_id": "k"}, "a client secret"),
    ],
)
def test_every_service_asks_for_its_key_in_the_same_words(name, options, needs):
    variable = f"L10N_{name.upper()}_API_KEY"
    with pytest.raises(ConfigurationError) as caught:
        create(ProviderSettings(name=name, options=options))
    assert caught.value.message == f"needs {needs}: set {variable} (or {variable}_FILE, the path of a file holding it)"


def test_a_url_without_a_scheme_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="url must start with http"):
        create(ProviderSettings(name="libre", options={"url": "localhost:5000"}))


# -- translating ---------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_each_provider_translates_a_batch_in_order_keeping_outer_whitespace(protocol):
    with LoopbackServer(protocol, TABLE) as server:
        provider = provider_for(server)
        result = provider.translate(["안녕하세요", "  세계\n", "   "], "ko", "en")
        source, target = LANGUAGES[protocol]
    # A text that is only whitespace is returned as it is, without a request.
    assert result == ["Hello", "  World\n", "   "]
    assert server.texts == ["안녕하세요", "세계"]
    assert {(request.source, request.target) for request in server.requests} == {(source, target)}


@pytest.mark.parametrize(
    ("protocol", "target"),
    [("deepl", "KO"), ("baidu", "kor"), ("mymemory", "ko-KR"), ("papago", "ko"), ("google", "ko")],
)
def test_english_to_korean_uses_each_services_code_for_korean(protocol, target):
    with LoopbackServer(protocol) as server:
        provider_for(server).translate(["Hello"], "en", "ko_KR")
    assert server.requests[0].target == target


@pytest.mark.parametrize(("ours", "deepl"), [("en", "EN-US"), ("en_GB", "EN-GB"), ("en-US", "EN-US"), ("ko_KR", "KO")])
def test_deepl_gets_the_regional_english_it_requires(ours, deepl):
    with LoopbackServer("deepl") as server:
        provider_for(server).translate(["안녕"], "ko", ours)
    assert server.requests[0].target == deepl


@pytest.mark.parametrize(
    ("protocol", "ours", "theirs"),
    [
        ("google", "zh", "zh-CN"),
        ("google", "zh_TW", "zh-TW"),
        ("google", "zh_Hant_TW", "zh-TW"),
        ("baidu", "zh_CN", "zh"),
        ("baidu", "zh_HK", "cht"),
        ("baidu", "zh-Hant", "cht"),
        ("papago", "zh_Hans_CN", "zh-CN"),
        ("papago", "zh_Hant", "zh-TW"),
        ("deepl", "zh", "ZH-HANS"),
        ("deepl", "zh_TW", "ZH-HANT"),
        ("deepl", "zh_Hant_TW", "ZH-HANT"),
        ("mymemory", "zh_TW", "zh-TW"),
        ("microsoft", "zh_TW", "zh-Hans"),
        ("libre", "zh_TW", "zh"),
    ],
)
def test_traditional_chinese_is_asked_for_where_the_service_has_a_code_for_it(protocol, ours, theirs):
    with LoopbackServer(protocol) as server:
        provider_for(server).translate(["안녕"], "ko", ours)
    assert server.requests[0].target == theirs


@pytest.mark.parametrize("protocol", ["google", "mymemory", "baidu", "papago"])
def test_single_text_services_get_one_request_per_text(protocol):
    # deep-translator's translate_batch is a loop of these same single requests.
    with LoopbackServer(protocol) as server:
        provider = provider_for(server)
        provider.translate(["하나", "둘", "셋"], "ko", "en")
    assert server.count == 3
    assert provider.max_texts == 1


@pytest.mark.parametrize(("protocol", "limit"), [("microsoft", 100), ("libre", 50), ("openai", 20), ("deepl", 50)])
def test_list_services_get_the_whole_batch_in_one_request(protocol, limit):
    texts = ["안녕하세요", " 세계 ", "하나", "둘"]
    with LoopbackServer(protocol, TABLE) as server:
        provider = provider_for(server)
        result = provider.translate(texts, "ko", "en")
    tag = "[EN-US]" if protocol == "deepl" else "[en]" if protocol != "openai" else "[tr]"
    assert result == ["Hello", " World ", f"{tag} 하나", f"{tag} 둘"]
    assert [request.texts for request in server.requests] == [("안녕하세요", "세계", "하나", "둘")]
    assert provider.max_texts == limit


@pytest.mark.parametrize("protocol", ["microsoft", "libre", "openai", "deepl"])
def test_one_empty_answer_in_a_batch_fails_that_text_only(protocol):
    class OneEmpty(LoopbackServer):
        def translation(self, text: str, target: str) -> str:
            return "" if text == "둘" else super().translation(text, target)

    with OneEmpty(protocol, TABLE) as server:
        result = provider_for(server).translate(["안녕하세요", "둘", "세계"], "ko", "en")
    assert result[0] == "Hello" and result[2] == "World"
    assert isinstance(result[1], BadResponse) and result[1].provider == protocol


def test_an_llm_answer_that_is_not_the_numbered_object_fails_the_batch():
    with LoopbackServer("openai", fault="prose") as server:
        with pytest.raises(BadResponse, match="numbered batch"):
            provider_for(server).translate(["하나", "둘"], "ko", "en")


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:5000", True),
        ("http://localhost:5000/", True),
        ("http://[::1]:5000", True),
        ("http://192.168.0.7:5000", True),
        ("http://mt.localhost", True),
        ("https://libretranslate.com", False),
        ("https://translate.newsroom.example", False),
    ],
)
def test_a_loopback_or_private_server_is_local_a_public_one_is_not(url, local):
    assert create(ProviderSettings(name="libre", options={"url": url})).local is local
    assert create(ProviderSettings(name="pseudo")).local is True


def test_a_local_libre_takes_full_batches_a_public_one_its_character_limit():
    assert create(ProviderSettings(name="libre", options={"url": "http://127.0.0.1:5000"})).max_request_chars == 20000
    assert create(ProviderSettings(name="libre")).max_request_chars == 1800
    options = {"url": "http://127.0.0.1:5000", "max_texts": "10", "max_request_chars": "900"}
    custom = create(ProviderSettings(name="libre", options=options))
    assert (custom.max_texts, custom.max_request_chars) == (10, 900)


class _KeepAliveLibre(BaseHTTPRequestHandler):
    """A LibreTranslate that keeps connections open (HTTP/1.1), as real servers do,
    and sets a cookie on every answer."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1  # type: ignore[attr-defined]

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.cookies.append(self.headers.get("Cookie"))  # type: ignore[attr-defined]
        data = json.dumps({"translatedText": [f"[en] {text}" for text in body["q"]]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Set-Cookie", "visited=yes")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def test_a_provider_reuses_the_connection_a_server_keeps_open_and_no_cookie():
    # One connection for a worker's requests (over HTTPS: one handshake), and no
    # cookie carried from one request to the next, as with a session per request.
    server = ThreadingHTTPServer(("127.0.0.1", 0), _KeepAliveLibre)
    server.connections, server.cookies = 0, []  # type: ignore[attr-defined]
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        provider = create(ProviderSettings(name="libre", options={"url": f"http://127.0.0.1:{server.server_port}"}))
        for number in range(3):
            assert provider.translate([f"기사 {number}"], "ko", "en") == [f"[en] 기사 {number}"]
    finally:
        server.shutdown()
        server.server_close()
    assert server.connections == 1  # type: ignore[attr-defined]
    assert server.cookies == [None, None, None]  # type: ignore[attr-defined]


def test_deepl_sends_a_batch_in_one_request_and_splits_at_fifty_texts():
    texts = [f"문장 {number}" for number in range(60)]
    with LoopbackServer("deepl") as server:
        result = provider_for(server).translate(texts, "ko", "en")
    assert result == [f"[EN-US] {text}" for text in texts]
    assert [len(request.texts) for request in server.requests] == [50, 10]


def test_a_placeholder_survives_the_round_trip():
    with LoopbackServer("papago", TABLE) as server:
        assert provider_for(server).translate(["기사 ⟦1⟧ 참조"], "ko", "en") == ["See article ⟦1⟧"]


# -- failures, mapped to the four errors above the adapters -----------------------------------

FAULT_ERRORS = [
    ("500", TransientError),
    ("503", TransientError),
    ("drop", TransientError),
    ("403", ConfigurationError),
    ("malformed", BadResponse),
    ("empty", BadResponse),
]


# Services whose answer is a list: an empty item fails that text, not the request.
LIST_SERVICES = ("microsoft", "libre", "deepl")


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(("fault", "error"), FAULT_ERRORS)
def test_each_failure_becomes_one_of_our_errors(protocol, fault, error):
    with LoopbackServer(protocol, fault=fault) as server:
        if fault == "empty" and protocol in LIST_SERVICES:
            [caught] = provider_for(server).translate(["안녕하세요"], "ko", "en")
            assert isinstance(caught, error)
        else:
            with pytest.raises(error) as raised:
                provider_for(server).translate(["안녕하세요"], "ko", "en")
            caught = raised.value
    assert caught.provider == protocol


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_hung_server_fails_within_the_timeout_instead_of_hanging(protocol):
    threads_before = set(threading.enumerate())
    with LoopbackServer(protocol, fault="hang", hang_seconds=60) as server:
        provider = provider_for(server, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(TransientError, match=r"no answer within 0\.5 s"):
            provider.translate(["안녕하세요"], "ko", "en")
        elapsed = time.monotonic() - started
    # At least the timeout; far less than the hang, and less than the ten seconds the
    # deepl package would wait if its own timeout took over again.
    assert 0.4 < elapsed < 5.0
    assert set(threading.enumerate()) <= threads_before  # the hanging handler ended at stop()


@pytest.mark.parametrize("protocol", ["microsoft", "deepl", "papago", "openai"])
def test_a_redirect_is_not_followed_where_the_key_is_in_a_header(protocol):
    with LoopbackServer(protocol, fault="redirect") as server:
        with pytest.raises(ConfigurationError, match="set the url option to the final address"):
            provider_for(server).translate(["안녕하세요"], "ko", "en")
    assert server.count == 1


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(
    ("fault", "low", "high"), [("429", 2.0, 2.0), ("429-date", 0.0, 2.0), ("429-bare", None, None)]
)
def test_a_429_is_rate_limited_with_the_servers_retry_after(protocol, fault, low, high):
    with LoopbackServer(protocol, fault=fault, retry_after=2) as server:
        with pytest.raises(RateLimited) as caught:
            provider_for(server).translate(["안녕하세요"], "ko", "en")
    if low is None:
        assert caught.value.retry_after is None
    else:
        assert low <= caught.value.retry_after <= high


def test_a_server_that_is_gone_is_a_transient_error():
    with LoopbackServer("libre") as server:
        url = server.url
    provider = create(ProviderSettings(name="libre", options={"url": url}, timeout=0.5))
    with pytest.raises(TransientError, match="connection failed"):
        provider.translate(["안녕"], "ko", "en")


def test_a_wrong_url_path_is_a_configuration_error():
    with LoopbackServer("papago") as server:
        provider = create(
            ProviderSettings(name="papago", options={"url": server.url + "/v2", "key_id": "k"}, secret="s")
        )
        with pytest.raises(ConfigurationError, match="check the url option"):
            provider.translate(["안녕"], "ko", "en")


@pytest.mark.parametrize(
    ("protocol", "error", "retry"),
    [
        ("mymemory", RateLimited, 10 * 3600 + 20 * 60 + 15),
        ("baidu", RateLimited, None),
        ("papago", RateLimited, None),
        ("deepl", ConfigurationError, None),
    ],
)
def test_each_services_own_quota_answer_is_understood(protocol, error, retry):
    with LoopbackServer(protocol, fault="quota") as server:
        with pytest.raises(error) as caught:
            provider_for(server).translate(["안녕하세요"], "ko", "en")
    if error is RateLimited:
        assert caught.value.retry_after == retry


@pytest.mark.parametrize("protocol", ["libre", "microsoft", "deepl", "openai"])
def test_what_the_service_said_reaches_the_adapter_unjudged(protocol):
    # Echoes, markup and lost placeholders are judged once, above the adapters.
    with LoopbackServer(protocol, TABLE) as server:
        provider = provider_for(server)
        server.fail_next("echo", "html", "drop-placeholder")
        texts = ["세계", "세계", "기사 ⟦1⟧ 참조"]
        echoed, marked, dropped = (provider.translate([text], "ko", "en")[0] for text in texts)
    assert (echoed, marked, dropped) == ("세계", '<span class="notranslate">World</span>', "See article")


# -- secrets -------------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("fault", ["403", "500", "drop", "hang", "malformed", "quota"])
def test_the_api_key_never_appears_in_errors_tracebacks_or_logs(protocol, fault, caplog):
    caplog.set_level(logging.DEBUG)
    with LoopbackServer(protocol, fault=fault) as server:
        provider = provider_for(server, secret=CANARY, timeout=0.3 if fault == "hang" else ANSWER_TIMEOUT)
        with pytest.raises(ProviderError) as caught:
            provider.translate(["안녕하세요"], "ko", "en")
    for error in chain(caught.value):
        assert CANARY not in str(error) and CANARY not in repr(error)
        assert CANARY not in " ".join(map(str, error.args))
    assert caught.value.__cause__ is None
    assert CANARY not in caplog.text
    # A key in a URL ends up in proxies' and servers' logs.
    assert all(CANARY not in request.url for request in server.requests)


def test_the_api_key_is_kept_out_of_a_connection_error():
    with LoopbackServer("libre") as server:
        url = server.url
    provider = create(ProviderSettings(name="libre", options={"url": url}, secret=CANARY, timeout=0.5))
    with pytest.raises(TransientError) as caught:
        provider.translate(["안녕"], "ko", "en")
    assert all(CANARY not in repr(error) for error in chain(caught.value))


# -- deep-translator's known problems, one by one ----------------------------------------------------


def test_google_instances_in_two_threads_each_get_their_own_results():
    texts = {0: [f"첫째 {n}" for n in range(6)], 1: [f"둘째 {n}" for n in range(6)]}
    results: dict[int, list[str]] = {}
    # Each request waits for one from the other thread: every pair runs at once.
    with LoopbackServer("google", together=2) as server:
        providers = [provider_for(server), provider_for(server)]

        def work(number: int) -> None:
            results[number] = providers[number].translate(texts[number], "ko", "en")

        threads = [threading.Thread(target=work, args=(number,)) for number in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results == {number: [f"[en] {text}" for text in texts[number]] for number in (0, 1)}
    # Both really ran at once. (The server may still be closing one request when
    # the next arrives, so the peak can exceed the two threads by one.)
    assert server.max_in_flight >= 2


def test_google_echoing_a_text_without_letters_is_a_bad_response_not_a_crash():
    with LoopbackServer("google", fault="echo") as server:
        with pytest.raises(BadResponse, match="echoed the source"):
            provider_for(server).translate(["— …"], "ko", "en")


def test_deep_translator_used_outside_our_adapters_is_left_alone():
    # The stand-in for requests only acts while one of our adapters is calling.
    with LoopbackServer("google", fault="500") as server:
        translator = GoogleTranslator(source="ko", target="en")
        translator._base_url = server.url + "/m"
        with pytest.raises(Exception) as caught:
            translator.translate("안녕")
    assert not isinstance(caught.value, ProviderError)


def test_mymemory_quota_warning_as_a_translation_is_rate_limited():
    with LoopbackServer("mymemory", fault="quota") as server:
        with pytest.raises(RateLimited, match="daily free quota"):
            provider_for(server).translate(["안녕하세요"], "ko", "en")


def test_mymemory_query_length_warning_says_to_lower_max_chars():
    table = {"긴 문장": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS"}
    with LoopbackServer("mymemory", table) as server:
        with pytest.raises(ConfigurationError, match="lower the max_chars option"):
            provider_for(server).translate(["긴 문장"], "ko", "en")


def test_libre_without_a_key_sends_none_and_with_one_sends_it_in_the_body():
    with LoopbackServer("libre") as server:
        provider_for(server, secret=None).translate(["안녕"], "ko", "en")
        provider_for(server, secret="key-1").translate(["안녕"], "ko", "en")
    keyless, keyed = server.requests
    assert b"api_key" not in keyless.body and "api_key" not in keyless.query
    assert json.loads(keyed.body)["api_key"] == "key-1" and "api_key" not in keyed.query
    assert "q" not in keyed.query  # the text is in the body too: no 414 for long texts


def test_microsoft_does_not_download_its_language_list_when_created():
    # The library fetches it from the public service in __init__; creating the
    # provider with nothing listening anywhere must still work.
    provider = create(ProviderSettings(name="microsoft", options={"url": "http://127.0.0.1:9"}, secret="k"))
    assert provider.name == "microsoft"


def test_microsoft_sends_key_and_region_as_headers():
    with LoopbackServer("microsoft") as server:
        provider_for(server, secret="key-1", region="koreacentral").translate(["안녕"], "ko", "en")
    headers = server.requests[0].headers
    assert headers["Ocp-Apim-Subscription-Key"] == "key-1"
    assert headers["Ocp-Apim-Subscription-Region"] == "koreacentral"


def test_baidu_needs_an_app_id_from_options_or_environment(monkeypatch):
    monkeypatch.delenv("L10N_BAIDU_APPID", raising=False)
    with pytest.raises(ConfigurationError, match="L10N_BAIDU_APPID"):
        create(ProviderSettings(name="baidu", secret="k"))
    monkeypatch.setenv("L10N_BAIDU_APPID", "from-env")
    with LoopbackServer("baidu") as server:
        provider = create(ProviderSettings(name="baidu", options={"url": server.url}, secret="k"))
        provider.translate(["안녕"], "ko", "en")
    assert server.requests[0].body.startswith(b"appid=from-env")


def test_baidu_multi_line_text_comes_back_line_by_line():
    with LoopbackServer("baidu", TABLE) as server:
        assert provider_for(server).translate(["안녕하세요\n세계"], "ko", "en") == ["Hello\nWorld"]


# -- the services we speak to ourselves ---------------------------------------------------------------


def test_papago_sends_key_id_from_the_environment_and_the_secret_as_headers(monkeypatch):
    monkeypatch.setenv("L10N_PAPAGO_KEY_ID", "id-from-env")
    with LoopbackServer("papago") as server:
        provider = create(ProviderSettings(name="papago", options={"url": server.url}, secret="s-1"))
        provider.translate(["안녕"], "ko", "en")
    headers = server.requests[0].headers
    assert (headers["X-NCP-APIGW-API-KEY-ID"], headers["X-NCP-APIGW-API-KEY"]) == ("id-from-env", "s-1")


def test_openai_asks_the_model_for_a_translation_only_keeping_placeholders():
    with LoopbackServer("openai", TABLE) as server:
        provider = provider_for(server, secret=None, model="qwen2.5-7b-instruct")
        assert provider.translate(["기사 ⟦1⟧ 참조"], "ko", "en") == ["See article ⟦1⟧"]
    request = server.requests[0]
    body = json.loads(request.body)
    system = body["messages"][0]["content"]
    assert body["model"] == "qwen2.5-7b-instruct" and body["temperature"] == 0
    assert "from Korean to English" in system and "translation only" in system and "⟦1⟧" in system
    assert "Authorization" not in request.headers  # a local server needs no key


@pytest.mark.parametrize(("code", "name"), [("ko", "Korean"), ("en_GB", "English (GB)"), ("tlh", "tlh")])
def test_openai_names_languages_the_way_a_model_understands(code, name):
    assert language_name(code) == name


# -- pseudo-translation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello", "[Ĥéļļö ··]"),
        ("  Hello\n", "  [Ĥéļļö ··]\n"),
        ("Hi {name}, %s ⟦1⟧", "[Ĥî {name}, %s ⟦1⟧ ··]"),
        ("See https://example.com/a?b=1.", "[Šéé https://example.com/a?b=1. ··]"),
        ("<b>Tom</b> &amp; Jerry", "[<b>Ţöɱ</b> &amp; Ĵéŕŕý ···]"),
        ("안녕하세요", "[안녕하세요 ··]"),
        ("", ""),
    ],
)
def test_pseudo_accents_brackets_and_lengthens_but_keeps_placeholders(text, expected):
    assert pseudo(text) == expected


@given(st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["⟦1⟧", "⟦23⟧", "{name}", "%s", "%(n)d"]))))
def test_pseudo_keeps_every_placeholder_in_order_and_never_shrinks(parts):
    text = "".join(parts)
    result = pseudo(text)
    for placeholder in ("⟦1⟧", "⟦23⟧", "{name}"):
        assert result.count(placeholder) >= text.count(placeholder)
    assert len(result) >= len(text)
    assert pseudo(text) == result


def test_pseudo_provider_translates_any_direction():
    provider = create(ProviderSettings(name="pseudo"))
    assert provider.translate(["Hello", "안녕"], "en", "ko") == ["[Ĥéļļö ··]", "[안녕 ·]"]


# -- small parts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("-5", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_dates(value, expected):
    assert retry_after(value) == expected


def test_retry_after_counts_the_seconds_to_a_date():
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0 - 90) == 90.0


def test_the_loopback_server_runs_in_its_own_process_until_killed(tmp_path: Path):
    table = tmp_path / "table.json"
    table.write_text(json.dumps({"안녕하세요": "Hello"}, ensure_ascii=False), encoding="utf-8")
    port_file = tmp_path / "port"
    script = Path(__file__).with_name("mt_servers.py")
    command = [sys.executable, str(script), "--protocol", "libre", "--port-file", str(port_file), "--table", str(table)]
    process = subprocess.Popen(command)
    try:
        deadline = time.monotonic() + 60
        while not port_file.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        port = int(port_file.read_text(encoding="utf-8"))
        provider = create(ProviderSettings(name="libre", options={"url": f"http://127.0.0.1:{port}"}))
        assert provider.translate(["안녕하세요"], "ko", "en") == ["Hello"]
    finally:
        process.terminate()
        assert process.wait(timeout=60) == 0
