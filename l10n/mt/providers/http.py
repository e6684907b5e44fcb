"""What the adapters share: one HTTP client with timeouts and error mapping, and small
helpers for secrets, language codes, whitespace and limits.

Every adapter that speaks HTTP itself (papago, openai) goes through ``Client``; the
deep-translator and deepl adapters reuse ``failure_for_status`` and
``failure_for_exception`` so a 429 or a dropped connection means the same thing
whichever library sent the request. Nothing here knows a particular service.

This module never chains a library exception into ours: the error we raise is built
outside the ``except`` block, so neither ``__cause__`` nor ``__context__`` can carry
a URL, header or message that holds an API key.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import time
import weakref
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

import requests
from requests.adapters import HTTPAdapter

from l10n.mt.base import (
    BadResponse,
    ConfigurationError,
    ProviderError,
    ProviderSettings,
    RateLimited,
    TransientError,
)

REDACTED = "[redacted]"


def scrub(text: str, secret: str | None) -> str:
    """``text`` with every spelling of ``secret`` a URL or log line might carry removed."""
    if not secret:
        return text
    for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
        text = text.replace(form, REDACTED)
    return text


class _Redactor(logging.Filter):
    """Rewrites log records of libraries we call so no known secret reaches a handler."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        secrets = tuple(self.secrets)
        if secrets:
            message = record.getMessage()
            clean = message
            for secret in secrets:
                clean = scrub(clean, secret)
            if clean != message:
                record.msg, record.args = clean, None
        return True


_REDACTOR = _Redactor()


def redact_in_logs(secret: str | None, *logger_names: str) -> None:
    """Keep ``secret`` out of what these libraries log (urllib3 logs URLs, deepl bodies)."""
    if not secret:
        return
    _REDACTOR.secrets.add(secret)
    for name in ("urllib3.connectionpool", *logger_names):
        logger = logging.getLogger(name)
        if _REDACTOR not in logger.filters:
            logger.addFilter(_REDACTOR)


def require_secret(settings: ProviderSettings, what: str = "an API key") -> str:
    """The provider's key, or a ConfigurationError naming the variables that set it."""
    if not settings.secret:
        variable = f"L10N_{settings.name.upper()}_API_KEY"
        raise ConfigurationError(
            f"needs {what}: set {variable} (or {variable}_FILE, the path of a file holding it)",
            provider=settings.name,
        )
    return settings.secret


def resolve_max_chars(settings: ProviderSettings, default: int, key: str = "max_chars") -> int:
    """``options[key]`` (``max_chars``, ``max_texts``), else the adapter's ``default``."""
    raw = settings.option(key)
    if raw is None:
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value <= 0:
        raise ConfigurationError(f"{key} must be a positive whole number, not {raw!r}", provider=settings.name)
    return value


def is_local_url(url: str) -> bool:
    """Whether ``url`` names this machine or the local network: ``localhost``, a
    loopback, private or link-local address. Such a server is the user's own and
    needs no pacing; a name that resolves elsewhere counts as public."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def base_url(settings: ProviderSettings, default: str) -> str:
    """The service root from ``options["url"]`` (no trailing slash), checked for a scheme."""
    url = (settings.option("url") or default).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"url must start with http:// or https:// and name a host, not {url!r}", provider=settings.name)
    return url


def language_parts(code: str) -> tuple[str, str]:
    """Our code split into language and region: ``ko`` -> (ko, ''), ``en_GB`` -> (en, GB)."""
    language, _, region = code.replace("-", "_").partition("_")
    return language.lower(), region.upper()


# Subtags that mark Chinese in Traditional characters: the script (``zh_Hant``)
# or a region that writes it (``zh_TW``, ``zh_Hant_HK``).
_TRADITIONAL_CHINESE_SUBTAGS = frozenset({"HANT", "TW", "HK"})


def is_traditional_chinese(code: str) -> bool:
    """Whether our code asks for Traditional Chinese: ``zh_TW``, ``zh-HK``, ``zh_Hant_TW``.

    Services take Simplified for plain ``zh``, so each adapter that can ask for
    Traditional spells it its own way when this says so.
    """
    language, region = language_parts(code)
    return language == "zh" and not _TRADITIONAL_CHINESE_SUBTAGS.isdisjoint(region.split("_"))


def provider_code(code: str, table: Mapping[str, str]) -> str:
    """The service's spelling of our language code; unknown languages pass through."""
    language, _ = language_parts(code)
    return table.get(language, language)


def split_whitespace(text: str) -> tuple[str, str, str]:
    """(leading whitespace, core, trailing whitespace): services drop the outer parts."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN is no answer
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    current = time.time() if now is None else now
    return max(0.0, moment.timestamp() - current)


def retry_after_from(headers: Mapping[str, str]) -> float | None:
    """Retry-After, or the millisecond variant some OpenAI-compatible servers send."""
    seconds = retry_after(headers.get("Retry-After"))
    if seconds is None and headers.get("retry-after-ms"):
        milliseconds = retry_after(headers.get("retry-after-ms"))
        seconds = None if milliseconds is None else milliseconds / 1000
    return seconds


def _detail(body: str, secret: str | None) -> str:
    """A short, secret-free excerpt of what the server said about an error."""
    try:
        data: Any = json.loads(body)
    except ValueError:
        return ""
    found = ""
    # Services nest their message differently: {"message"}, {"error": "..."},
    # {"error": {"message"}}, {"errorMessage"}.
    for _ in range(3):
        if isinstance(data, dict):
            for key in ("message", "errorMessage", "error_msg", "detail", "error"):
                if key in data:
                    data = data[key]
                    break
            else:
                break
        if isinstance(data, str):
            found = data
            break
    found = " ".join(scrub(found, secret).split())
    return f": {found[:200]}" if found else ""


def failure_for_status(
    status: int, headers: Mapping[str, str], body: str, *, provider: str, secret: str | None
) -> ProviderError | None:
    """The error an HTTP status means, or None when the answer may be read."""
    if status < 300:
        return None
    if status < 400:
        # Redirects are not followed where a key travels in a header of our own:
        # requests would forward it to whatever host the redirect names.
        return ConfigurationError(
            f"the server redirects (HTTP {status}) to {scrub(headers.get('Location', '?'), secret)!r}; "
            "set the url option to the final address",
            provider=provider,
        )
    said = _detail(body, secret)
    if status == 429:
        wait = retry_after_from(headers)
        return RateLimited(f"too many requests (HTTP 429){said}", provider=provider, retry_after=wait)
    if status in (401, 403):
        return ConfigurationError(
            f"the service rejected the API key (HTTP {status}){said}; check the key and its permissions",
            provider=provider,
        )
    if status in (408, 425) or status >= 500:
        return TransientError(f"server error (HTTP {status}){said}", provider=provider)
    if status == 404:
        return ConfigurationError(f"not found (HTTP 404){said}; check the url option", provider=provider)
    if status in (413, 414):
        return ConfigurationError(
            f"the request is too large for the service (HTTP {status}); lower the max_chars option", provider=provider
        )
    return ConfigurationError(f"the service refused the request (HTTP {status}){said}", provider=provider)


def failure_for_exception(error: BaseException, *, provider: str, timeout: float) -> ProviderError:
    """Our error for a requests exception; the original's text (URLs, keys) is dropped."""
    if isinstance(error, requests.Timeout):
        return TransientError(f"no answer within {timeout:g} s", provider=provider)
    if isinstance(error, (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        return TransientError("the connection failed or was closed without an answer", provider=provider)
    if isinstance(error, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
        return ConfigurationError("the url option is not a usable URL", provider=provider)
    return TransientError(f"the request failed ({type(error).__name__})", provider=provider)


def send_checked(
    send: Callable[[], requests.Response],
    *,
    provider: str,
    timeout: float,
    secret: str | None,
    inspect: Callable[[requests.Response], ProviderError | None] | None = None,
) -> tuple[requests.Response, str]:
    """Send a request and return (response, body), or raise our error for it.

    Connection failures and timeouts, HTTP failure statuses and (with ``inspect``)
    failures a service reports inside a 200 answer become ProviderErrors with the
    secret scrubbed. They are raised outside the ``except`` block so that no
    exception chain carries the library's message, which may hold the key.
    """
    failure: ProviderError | None = None
    try:
        response = send()
        body = response.text
    except requests.RequestException as error:
        failure = failure_for_exception(error, provider=provider, timeout=timeout)
    if failure is not None:
        raise failure
    failure = failure_for_status(response.status_code, response.headers, body, provider=provider, secret=secret)
    if failure is None and inspect is not None:
        failure = inspect(response)
    if failure is not None:
        response.close()
        raise failure
    return response, body


class Client:
    """JSON over HTTP for one adapter instance (and so one thread), with our errors.

    Keeps a connection pool per instance; the pool is closed when the instance goes.
    """

    def __init__(self, settings: ProviderSettings) -> None:
        self.provider = settings.name
        self.secret = settings.secret
        self.timeout = settings.timeout
        self._session = requests.Session()
        redact_in_logs(self.secret)
        weakref.finalize(self, self._session.close)

    def post_json(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
    ) -> Any:
        """POST and return the decoded JSON answer, or raise a ProviderError."""
        _, body = send_checked(
            # allow_redirects=False: see failure_for_status.
            lambda: self._session.post(
                url, headers=dict(headers), json=json_body, data=form, timeout=self.timeout, allow_redirects=False
            ),
            provider=self.provider,
            timeout=self.timeout,
            secret=self.secret,
        )
        failure: ProviderError | None = None
        try:
            return json.loads(body)
        except ValueError:
            failure = BadResponse(f"the answer is not JSON: {_excerpt(body, self.secret)}", provider=self.provider)
        raise failure


class Transport(HTTPAdapter):
    """A requests transport for a library's own session (mount it on ``http://`` and
    ``https://``): every request gets our timeout, and the last answer's status,
    headers and body, or the failure, stay readable after the library has turned
    them into its own exception. Used by one adapter instance, so one thread.
    """

    def __init__(self, *, provider: str, timeout: float, secret: str | None = None) -> None:
        super().__init__()
        self.provider = provider
        self.secret = secret
        self.timeout = timeout
        self.last_status: int | None = None
        self.last_headers: Mapping[str, str] = {}
        self.last_body = ""
        self.last_failure: ProviderError | None = None

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs["timeout"] = self.timeout
        self.last_status, self.last_headers, self.last_body, self.last_failure = None, {}, "", None
        try:
            response = super().send(request, **kwargs)
            self.last_body = response.text  # read now; requests keeps it for the library
        except requests.RequestException as error:
            self.last_failure = failure_for_exception(error, provider=self.provider, timeout=self.timeout)
            raise
        self.last_status = response.status_code
        self.last_headers = response.headers
        if response.is_redirect:
            # The library's session would follow it; stop here, as Client does.
            self.last_failure = failure_for_status(
                response.status_code, response.headers, "", provider=self.provider, secret=self.secret
            )
            response.close()
            raise requests.TooManyRedirects("redirect refused")
        return response


def _excerpt(body: str, secret: str | None) -> str:
    text = " ".join(scrub(body, secret).split())
    return repr(text[:80] + ("…" if len(text) > 80 else ""))


def dig(data: Any, *path: str | int) -> Any:
    """``data[p0][p1]...`` or None when any step is missing or of the wrong type."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or not -len(data) <= step < len(data):
                return None
        elif not isinstance(data, dict) or step not in data:
            return None
        data = data[step]
    return data
