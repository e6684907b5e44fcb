"""Google, Microsoft, LibreTranslate, MyMemory and Baidu through deep-translator 1.11.4.

The only module that imports ``deep_translator``. It works around what that version
gets wrong for a batch job (each fix has a test against a loopback server):

- no request has a timeout, so a hung server hangs the caller forever;
- a 429 turns into a generic exception and the Retry-After header is lost;
- connection errors and the 403 message carry the API key;
- Google strips the text's outer whitespace and answers None for some echoes;
- MyMemory hands back its quota warning as if it were the translation;
- Microsoft downloads its language list from the public service in ``__init__``;
- LibreTranslate and Baidu put the text (and Libre the key) in the URL.

Timeouts and error mapping come from a stand-in for the ``requests`` name inside
deep-translator's provider modules. It only changes a request while one of our
adapters is calling (a context variable, so each thread sees its own call); any
other use of deep-translator in the process gets plain ``requests``.

deep-translator's ``translate_batch`` is a loop of single requests for every one
of these services (``BaseTranslator._translate_batch`` calls ``translate`` once per
text), so it saves no request. Google's mobile page, MyMemory and Baidu have no list
API an adapter can use, so they stay at one text per request (``max_texts`` 1).
LibreTranslate (``q`` as a JSON list) and Microsoft (a JSON array of texts) do take
lists: those two adapters send the list themselves, through the same stand-in, with
the library kept for building the request's address and headers. We keep one
translator object per adapter: Google's keeps request parameters on the instance,
so a shared one returns other threads' results.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ClassVar

import requests
from deep_translator import (
    BaiduTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
)
from deep_translator import baidu as _baidu_module
from deep_translator import google as _google_module
from deep_translator import libre as _libre_module
from deep_translator import microsoft as _microsoft_module
from deep_translator import mymemory as _mymemory_module
from deep_translator.base import BaseTranslator
from deep_translator.exceptions import (
    BaiduAPIerror,
    ElementNotFoundInGetRequest,
    InvalidSourceOrTargetLanguage,
    LanguageNotSupportedException,
    MicrosoftAPIerror,
    NotValidLength,
    NotValidPayload,
    TranslationNotFound,
)

from l10n.mt.base import (
    BadResponse,
    ConfigurationError,
    ProviderError,
    ProviderSettings,
    RateLimited,
    TransientError,
)
from l10n.mt.providers.http import (
    base_url,
    dig,
    is_local_url,
    is_traditional_chinese,
    language_parts,
    provider_code,
    redact_in_logs,
    require_secret,
    resolve_max_chars,
    scrub,
    send_checked,
    split_whitespace,
)


@dataclass(frozen=True)
class _Call:
    """What the requests stand-in needs to know about the adapter that is calling."""

    provider: str
    secret: str | None
    timeout: float
    # Adjusts (method, keyword arguments) before sending.
    rewrite: Callable[[str, dict[str, Any]], None] | None = None
    # Reads a 2xx answer for errors the service reports in its body.
    inspect: Callable[[requests.Response], ProviderError | None] | None = None
    # The adapter's own session (one adapter per thread): a connection the server
    # keeps open serves the next request, instead of a new connection (and, over
    # HTTPS, a new handshake) for every request.
    session: requests.Session | None = None


_ACTIVE: ContextVar[_Call | None] = ContextVar("l10n_mt_deep_call", default=None)


class _RequestsStandIn:
    """Takes the place of ``requests`` in deep-translator's provider modules."""

    exceptions = requests.exceptions

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        call = _ACTIVE.get()
        if call is None:
            return requests.request(method, url, **kwargs)
        kwargs["timeout"] = call.timeout
        if call.secret:
            kwargs["allow_redirects"] = False  # see failure_for_status
        if call.rewrite is not None:
            call.rewrite(method, kwargs)
        response, _ = send_checked(
            lambda: _send(call.session, method, url, kwargs),
            provider=call.provider,
            timeout=call.timeout,
            secret=call.secret,
            inspect=call.inspect,
        )
        return response


def _send(session: requests.Session | None, method: str, url: str, kwargs: dict[str, Any]) -> requests.Response:
    if session is None:
        return requests.request(method, url, **kwargs)
    try:
        return session.request(method, url, **kwargs)
    finally:
        # As requests.request's session of one request: no cookie outlives it.
        session.cookies.clear()


_STAND_IN = _RequestsStandIn()
for _module in (_google_module, _microsoft_module, _libre_module, _mymemory_module, _baidu_module):
    _module.requests = _STAND_IN


class _DeepTranslatorProvider:
    """One deep-translator backend as a Provider; subclasses fill in the differences."""

    default_url: ClassVar[str]
    default_max_chars: ClassVar[int]
    # Texts per request: 1 where the adapter sends one request per text.
    default_max_texts: ClassVar[int] = 1
    # Our language codes (the part before "_") -> the service's; others pass through.
    codes: ClassVar[Mapping[str, str]] = {}
    # The service's code for Traditional Chinese (see is_traditional_chinese);
    # None: every Chinese gets codes["zh"].
    traditional_chinese: ClassVar[str | None] = None
    # What the library returning None means for this service.
    no_answer: ClassVar[str] = "the service answered no translation"

    def __init__(self, settings: ProviderSettings) -> None:
        self.name = settings.name
        self.max_chars = resolve_max_chars(settings, self.default_max_chars)
        url = base_url(settings, self.default_url)
        self.local = is_local_url(url)
        self.max_texts = resolve_max_chars(settings, self.default_max_texts, "max_texts")
        self.max_request_chars = resolve_max_chars(settings, self._request_chars(), "max_request_chars")
        self._url = url
        self._secret = settings.secret
        redact_in_logs(settings.secret, "deep_translator")
        self._translator = self._build(settings, url)
        session = requests.Session()
        weakref.finalize(self, session.close)
        self._call = _Call(
            provider=settings.name,
            secret=settings.secret,
            timeout=settings.timeout,
            rewrite=self._rewrite,
            inspect=self._inspect,
            session=session,
        )

    def _build(self, settings: ProviderSettings, url: str) -> BaseTranslator:
        raise NotImplementedError

    def _request_chars(self) -> int:
        """Characters one request may carry in all (default: one text's worth)."""
        return self.max_chars

    def _rewrite(self, method: str, kwargs: dict[str, Any]) -> None:
        """Change a request before it is sent (default: send as deep-translator built it)."""

    def _inspect(self, response: requests.Response) -> ProviderError | None:
        """An error the service reported inside a 2xx answer (default: none)."""
        return None

    def _code(self, language: str, *, target: bool) -> str:
        if self.traditional_chinese and is_traditional_chinese(language):
            return self.traditional_chinese
        return provider_code(language, self.codes)

    def _check(self, result: str) -> None:
        """Raise when a returned string is not a translation (default: accept)."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str | BadResponse]:
        self._translator.source = self._code(source, target=False)
        self._translator.target = self._code(target, target=True)
        return [self._translate_one(text) for text in texts]

    def _translate_one(self, text: str) -> str:
        leading, core, trailing = split_whitespace(text)
        if not core:
            return text
        failure: ProviderError | None = None
        result: Any = None
        token = _ACTIVE.set(self._call)
        try:
            result = self._translator.translate(core)
        except ProviderError as error:
            failure = error
        except Exception as error:  # whatever the library or its parser threw
            failure = self._failure_for(error, core)
        finally:
            _ACTIVE.reset(token)
        if failure is not None:
            raise failure
        if result is None:
            raise self._error(BadResponse, self.no_answer)
        if not isinstance(result, str):
            raise self._error(BadResponse, f"the answer is a {type(result).__name__}, not text")
        self._check(result)
        if not result.strip():
            raise self._error(BadResponse, "the service answered an empty translation")
        return leading + result.strip() + trailing

    def _error(self, kind: type[ProviderError], message: str) -> ProviderError:
        return kind(scrub(message, self._secret), provider=self.name)

    def _translate_list(
        self, texts: Sequence[str], send: Callable[[list[str]], Any], read: Callable[[Any], Any]
    ) -> list[str | BadResponse]:
        """One request for all of ``texts`` through a list API.

        ``send`` posts the cores (outer whitespace removed) and returns the decoded
        JSON; ``read`` picks the list of translations out of it. A missing or empty
        translation fails its own text only.
        """
        results: list[str | BadResponse] = list(texts)
        pending = [(index, *split_whitespace(text)) for index, text in enumerate(texts)]
        pending = [item for item in pending if item[2]]
        if not pending:
            return results
        token = _ACTIVE.set(self._call)
        try:
            data = send([core for _, _, core, _ in pending])
        finally:
            _ACTIVE.reset(token)
        answers = read(data)
        if not isinstance(answers, list) or len(answers) != len(pending):
            count = len(answers) if isinstance(answers, list) else "no"
            raise self._error(BadResponse, f"answered {count} translations for {len(pending)} texts")
        for (index, leading, _, trailing), answer in zip(pending, answers, strict=True):
            if not isinstance(answer, str) or not answer.strip():
                results[index] = BadResponse(
                    "the service answered an empty translation", provider=self.name
                )
            else:
                results[index] = leading + answer.strip() + trailing
        return results

    def _post_json(self, url: str, **kwargs: Any) -> Any:
        """POST through the stand-in (timeout, error mapping) and decode the JSON answer."""
        response = _STAND_IN.post(url, **kwargs)
        failure: ProviderError | None = None
        try:
            return response.json()
        except ValueError:
            failure = self._error(BadResponse, "the answer is not JSON")
        raise failure

    def _failure_for(self, error: Exception, text: str) -> ProviderError:
        if isinstance(error, (NotValidLength, NotValidPayload)):
            return self._error(
                ConfigurationError,
                f"a text of {len(text)} characters is over deep-translator's limit for {self.name}; lower the max_chars option",
            )
        if isinstance(error, (LanguageNotSupportedException, InvalidSourceOrTargetLanguage)):
            return self._error(ConfigurationError, "language not supported by deep-translator for this service")
        if isinstance(error, (TranslationNotFound, ElementNotFoundInGetRequest)):
            return self._error(BadResponse, "the answer holds no translation")
        if isinstance(error, (MicrosoftAPIerror, BaiduAPIerror)):
            return self._error(BadResponse, f"the service reported an error: {error.api_message}")
        if isinstance(error, ValueError) and "JSON" in type(error).__name__:
            return self._error(BadResponse, "the answer is not JSON")
        return self._error(BadResponse, f"could not read the answer ({type(error).__name__})")


def _body_instead_of_query(method: str, kwargs: dict[str, Any]) -> None:
    """Send a POST's parameters as a form: no text or key in the URL (no 414, no logs)."""
    if method == "POST" and "params" in kwargs and "data" not in kwargs and "json" not in kwargs:
        kwargs["data"] = kwargs.pop("params")


class GoogleProvider(_DeepTranslatorProvider):
    """translate.google.com's mobile page, scraped: no key, no contract, best effort.

    ``url`` is the site root (the page is ``{url}/m``). ``max_chars`` 4800: the
    library refuses 5000 and more. The text travels in the URL, percent-encoded, so a
    long Korean text makes a long URL; a 413/414 answer says to lower ``max_chars``.
    """

    default_url = "https://translate.google.com"
    default_max_chars = 4800
    codes: ClassVar[Mapping[str, str]] = {"ko": "ko", "en": "en", "zh": "zh-CN", "he": "iw"}
    traditional_chinese = "zh-TW"
    # The library answers None when the page repeats the text back unchanged and it
    # has no letters or digits to compare.
    no_answer = "the service echoed the source"

    def _build(self, settings: ProviderSettings, url: str) -> BaseTranslator:
        translator = GoogleTranslator(source="ko", target="en")
        translator._base_url = url + "/m"  # the library hard-codes the public page
        return translator


class MicrosoftProvider(_DeepTranslatorProvider):
    """Azure AI Translator v3; options ``url`` (service root) and ``region``.

    ``max_chars`` 45000: the service takes 50,000 characters per request.
    """

    default_url = "https://api.cognitive.microsofttranslator.com"
    default_max_chars = 45000
    # The service takes an array of up to 1,000 texts and 50,000 characters in all.
    default_max_texts = 100
    codes: ClassVar[Mapping[str, str]] = {"ko": "ko", "en": "en", "zh": "zh-Hans"}

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str | BadResponse]:
        """One request for the whole list: ``[{"text": ...}, ...]`` in, one item per text out."""
        translator = self._translator
        params = {"api-version": "3.0", "from": self._code(source, target=False), "to": self._code(target, target=True)}
        return self._translate_list(
            texts,
            lambda cores: self._post_json(
                self._url + "/translate", params=params, headers=dict(translator.headers),
                json=[{"text": core} for core in cores],
            ),
            lambda data: [dig(item, "translations", 0, "text") for item in data] if isinstance(data, list) else None,
        )

    def _inspect(self, response: requests.Response) -> ProviderError | None:
        try:
            data = response.json()
        except ValueError:
            return None
        if isinstance(data, dict) and "error" in data:
            message = dig(data, "error", "message") or "the service reported an error"
            return self._error(BadResponse, f"the service reported an error: {str(message)[:200]}")
        return None

    def _build(self, settings: ProviderSettings, url: str) -> BaseTranslator:
        translator = _MicrosoftWithoutDownload(
            source="ko",
            target="en",
            api_key=require_secret(settings),
            region=settings.option("region"),
        )
        translator._base_url = url + "/translate?api-version=3.0"
        return translator


class _MicrosoftWithoutDownload(MicrosoftTranslator):
    """The library fetches the language list from the public service on construction;
    we pass codes straight through, so construction must not touch the network."""

    def _get_supported_languages(self) -> dict[str, str]:
        return {"english": "en", "korean": "ko"}


_NO_KEY = "l10n-no-key"


class LibreProvider(_DeepTranslatorProvider):
    """LibreTranslate, usually self-hosted: ``url`` is the server root, the key optional.

    ``max_chars`` 1800: public instances cap a request's characters (often 2000).
    """

    default_url = "https://libretranslate.com"
    default_max_chars = 1800
    # ``q`` may be a list; a server's own batch limit (LT_BATCH_LIMIT) is off by default.
    default_max_texts = 50
    codes: ClassVar[Mapping[str, str]] = {"ko": "ko", "en": "en", "zh": "zh"}

    def _request_chars(self) -> int:
        # Public instances count the characters of the whole request against their
        # limit (often 2,000); a self-hosted server has none unless its admin set
        # LT_CHAR_LIMIT, so a local one gets full batches.
        return 20000 if self.local else self.max_chars

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str | BadResponse]:
        """One request for the whole list: ``{"q": [...]}`` as JSON in the body."""
        body: dict[str, Any] = {
            "source": self._code(source, target=False),
            "target": self._code(target, target=True),
            "format": "text",
        }
        if self._secret:
            body["api_key"] = self._secret
        return self._translate_list(
            texts,
            lambda cores: self._post_json(self._url + "/translate", json={"q": cores, **body}),
            lambda data: dig(data, "translatedText"),
        )

    def _build(self, settings: ProviderSettings, url: str) -> BaseTranslator:
        # The library insists on a key; a self-hosted server often has none, so a
        # placeholder goes in and the stand-in drops it again before sending.
        return LibreTranslator(source="ko", target="en", api_key=settings.secret or _NO_KEY, custom_url=url + "/")

    def _rewrite(self, method: str, kwargs: dict[str, Any]) -> None:
        _body_instead_of_query(method, kwargs)
        form = kwargs.get("data")
        if isinstance(form, dict) and form.get("api_key") == _NO_KEY:
            del form["api_key"]


_MYMEMORY_NEXT = re.compile(r"NEXT AVAILABLE IN\s+(?:(\d+)\s+HOURS?)?\s*(?:(\d+)\s+MINUTES?)?\s*(?:(\d+)\s+SECONDS?)?")


def _mymemory_wait(message: str) -> float | None:
    match = _MYMEMORY_NEXT.search(message.upper())
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return float(hours * 3600 + minutes * 60 + seconds)


class MyMemoryProvider(_DeepTranslatorProvider):
    """MyMemory (translation memory plus MT); option ``email`` raises the daily quota.

    ``max_chars`` 160: the service takes at most 500 *bytes* of text, and a Korean
    character is three bytes in UTF-8.
    """

    default_url = "https://api.mymemory.translated.net"
    default_max_chars = 160
    codes: ClassVar[Mapping[str, str]] = {"ko": "ko-KR", "en": "en-US", "zh": "zh-CN"}

    def _build(self, settings: ProviderSettings, url: str) -> BaseTranslator:
        translator = MyMemoryTranslator(source="korean", target="english", email=settings.option("email"))
        translator._base_url = url + "/get"
        return translator

    def _code(self, language: str, *, target: bool) -> str:
        base, region = language_parts(language)
        if region:
            return f"{base}-{region}"
        return provider_code(language, self.codes)

    def _inspect(self, response: requests.Response) -> ProviderError | None:
        try:
            data = response.json()
        except ValueError:
            return None  # the library's own parsing reports it
        status = str(dig(data, "responseStatus") or "200")
        message = str(dig(data, "responseData", "translatedText") or dig(data, "responseDetails") or "")
        if status == "200":
            return None
        if status == "429" or "MYMEMORY WARNING" in message.upper():
            return self._quota(message)
        if status == "403":
            return self._error(ConfigurationError, f"the service refused the language pair: {message[:200]}")
        return self._error(BadResponse, f"the service reported status {status}: {message[:200]}")

    def _quota(self, message: str) -> ProviderError:
        return RateLimited(
            "the daily free quota is used up (set the email option for a larger one)",
            provider=self.name,
            retry_after=_mymemory_wait(message),
        )

    def _check(self, result: str) -> None:
        upper = result.lstrip().upper()
        if upper.startswith("MYMEMORY WARNING"):
            raise self._quota(result)
        if upper.startswith("QUERY LENGTH LIMIT EXCEEDED"):
            # Retrying the same text cannot help, so this is not a rate limit.
            raise self._error(ConfigurationError, "the text is over the service's 500-byte limit; lower the max_chars option")


# Baidu reports errors as HTTP 200 with an error_code.
# https://fanyi-api.baidu.com/doc/21 (error code table)
_BAIDU_ERRORS: dict[str, tuple[type[ProviderError], str]] = {
    "52001": (TransientError, "the service timed out"),
    "52002": (TransientError, "the service had a system error"),
    "52003": (ConfigurationError, "unauthorized: check the appid option and the key"),
    "54000": (ConfigurationError, "a required parameter is missing"),
    "54001": (ConfigurationError, "bad signature: check the appid option and the key"),
    "54003": (RateLimited, "too many requests"),
    "54004": (ConfigurationError, "the account balance is used up"),
    "54005": (RateLimited, "too many long requests"),
    "58000": (ConfigurationError, "this client IP address is not allowed"),
    "58001": (ConfigurationError, "the language pair is not supported"),
    "58002": (ConfigurationError, "the service is switched off for this account"),
    "90107": (ConfigurationError, "the account is not verified"),
}


class BaiduProvider(_DeepTranslatorProvider):
    """Baidu Fanyi; the key is the secret, the app id comes from option ``appid``
    or ``L10N_BAIDU_APPID``.

    ``max_chars`` 2000: the service asks for at most 6000 bytes per request.
    """

    default_url = "https://fanyi-api.baidu.com"
    default_max_chars = 2000
    codes: ClassVar[Mapping[str, str]] = {"ko": "kor", "en": "en", "ja": "jp", "fr": "fra", "es": "spa", "zh": "zh"}
    traditional_chinese = "cht"

    def _build(self, settings: ProviderSettings, url: str) -> BaseTranslator:
        appid = settings.option("appid") or os.environ.get("L10N_BAIDU_APPID")
        if not appid:
            raise ConfigurationError("needs an app id: set the appid option or L10N_BAIDU_APPID", provider=self.name)
        translator = BaiduTranslator(source="kor", target="en", appid=appid, appkey=require_secret(settings))
        translator._base_url = url + "/api/trans/vip/translate"
        return translator

    def _rewrite(self, method: str, kwargs: dict[str, Any]) -> None:
        _body_instead_of_query(method, kwargs)

    def _inspect(self, response: requests.Response) -> ProviderError | None:
        try:
            data = response.json()
        except ValueError:
            return None
        code = dig(data, "error_code")
        if code is None or str(code) == "52000":
            return None
        kind, message = _BAIDU_ERRORS.get(str(code), (BadResponse, "the service reported an error"))
        return self._error(kind, f"{message} (error {code})")
