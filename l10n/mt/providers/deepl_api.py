"""DeepL through the official ``deepl`` package: the only module that imports it.

deep-translator's DeepL backend is not used: it has no Korean and an outdated way of
sending the key. The official client batches (up to 50 texts per request), but for a
batch job it needs three adjustments:

- it retries 429s and 5xx itself with sleeps of a second and more; the runner owns
  retries, so ``deepl.http_client.max_network_retries`` (a documented setting) is 0;
- its timeout is a module-wide value of at least ten seconds; each adapter mounts a
  transport on the client's session that applies ``settings.timeout`` instead;
- its exceptions drop the Retry-After header, which that transport keeps.

Options: ``url`` (server root; default by key type, ``:fx`` keys are API Free),
``max_chars``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import deepl

from l10n.mt.base import BadResponse, ConfigurationError, ProviderError, ProviderSettings, TransientError
from l10n.mt.providers.http import (
    Transport,
    base_url,
    failure_for_status,
    is_traditional_chinese,
    language_parts,
    redact_in_logs,
    require_secret,
    resolve_max_chars,
    scrub,
    split_whitespace,
)

# The runner decides when to retry; the client must fail fast and say why.
deepl.http_client.max_network_retries = 0

_PRO_URL = "https://api.deepl.com"
_FREE_URL = "https://api-free.deepl.com"

# The service takes 128 KiB per request. requests writes JSON with \\uXXXX escapes
# (six bytes for a Korean character), so 20,000 characters is one full request.
_DEFAULT_MAX_CHARS = 20000
_MAX_TEXTS_PER_REQUEST = 50
_MAX_BYTES_PER_REQUEST = 120_000

# DeepL answers 456 when the billing period's character quota is gone: waiting
# minutes will not help, so this is a configuration problem, not a rate limit.
_QUOTA_EXCEEDED = 456


def _source_code(language: str) -> str:
    return language_parts(language)[0].upper()


def _target_code(language: str) -> str:
    base, region = language_parts(language)
    if base == "en":
        return "EN-GB" if region == "GB" else "EN-US"
    if base == "pt":
        return "PT-PT" if region == "PT" else "PT-BR"
    if base == "zh":
        return "ZH-HANT" if is_traditional_chinese(language) else "ZH-HANS"
    return base.upper()


class DeepLProvider:
    """DeepL API v2 (Pro or Free), ``POST {url}/v2/translate``."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.name = settings.name
        secret = require_secret(settings)
        self.max_chars = resolve_max_chars(settings, _DEFAULT_MAX_CHARS)
        self._secret = secret
        redact_in_logs(secret, "deepl")  # it logs response bodies at debug level
        default = _FREE_URL if secret.endswith(":fx") else _PRO_URL
        self._translator = deepl.Translator(secret, server_url=base_url(settings, default) + "/", send_platform_info=False)
        self._transport = Transport(provider=self.name, timeout=settings.timeout, secret=secret)
        # The client keeps its requests session private; mounting on it is the only
        # per-instance way to set a timeout. The hang test guards this on upgrades.
        session = self._translator._client._session
        session.mount("http://", self._transport)
        session.mount("https://", self._transport)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        results = list(texts)
        pending = [(index, *split_whitespace(text)) for index, text in enumerate(texts)]
        pending = [item for item in pending if item[2]]
        for batch in _batches(pending):
            translated = self._send([core for _, _, core, _ in batch], _source_code(source), _target_code(target))
            for (index, leading, _, trailing), text in zip(batch, translated, strict=True):
                results[index] = leading + text + trailing
        return results

    def _send(self, cores: list[str], source: str, target: str) -> list[str]:
        failure: ProviderError | None = None
        answers: list[str] = []
        try:
            results = self._translator.translate_text(cores, source_lang=source, target_lang=target)
            # A list in gives a list out; the client's annotation covers a lone string too.
            answers = [result.text for result in (results if isinstance(results, list) else [results])]
        except deepl.DeepLException as error:
            failure = self._failure_for(error)
        except Exception as error:  # the client's parsing of a malformed answer
            failure = BadResponse(f"could not read the answer ({type(error).__name__})", provider=self.name)
        if failure is not None:
            raise failure
        if len(answers) != len(cores):
            raise BadResponse(f"answered {len(answers)} translations for {len(cores)} texts", provider=self.name)
        for answer in answers:
            if not isinstance(answer, str) or not answer.strip():
                raise BadResponse("the service answered an empty translation", provider=self.name)
        return [answer.strip() for answer in answers]

    def _failure_for(self, error: deepl.DeepLException) -> ProviderError:
        transport = self._transport
        if transport.last_failure is not None:
            return transport.last_failure
        status = transport.last_status or error.http_status_code
        if status == _QUOTA_EXCEEDED:
            return ConfigurationError("the character quota for this billing period is used up", provider=self.name)
        if status is not None:
            mapped = failure_for_status(
                status, transport.last_headers, transport.last_body, provider=self.name, secret=self._secret
            )
            if mapped is not None:
                return mapped
        if isinstance(error, deepl.ConnectionException):
            return TransientError("the connection failed", provider=self.name)
        return BadResponse(f"the client failed: {scrub(str(error), self._secret)[:200]}", provider=self.name)


def _batches(items: list[tuple[int, str, str, str]]) -> list[list[tuple[int, str, str, str]]]:
    """Group texts so no request is over 50 texts or the service's size limit."""
    batches: list[list[tuple[int, str, str, str]]] = []
    size = 0
    for item in items:
        cost = len(json.dumps(item[2])) + 2
        if not batches or len(batches[-1]) >= _MAX_TEXTS_PER_REQUEST or size + cost > _MAX_BYTES_PER_REQUEST:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += cost
    return batches
