"""NAVER Cloud Papago Translation (NMT), spoken directly over HTTP.

deep-translator's Papago backend targets the closed developers.naver.com endpoint,
so this adapter sends ``POST {url}/nmt/v1/translation`` itself, one text per request.
The key id comes from option ``key_id`` or ``L10N_PAPAGO_KEY_ID``; the client secret
is ``settings.secret``. Options: ``url``, ``honorific`` ("true" for polite Korean),
``max_chars``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from l10n.mt.base import BadResponse, ConfigurationError, ProviderSettings
from l10n.mt.providers.http import (
    Client,
    base_url,
    dig,
    is_local_url,
    is_traditional_chinese,
    provider_code,
    require_secret,
    resolve_max_chars,
    split_whitespace,
)

DEFAULT_URL = "https://naveropenapi.apigw.ntruss.com"
# The service takes at most 5000 characters of text per request.
DEFAULT_MAX_CHARS = 5000
_CODES = {"ko": "ko", "en": "en", "ja": "ja", "zh": "zh-CN"}


def _code(language: str) -> str:
    if is_traditional_chinese(language):
        return "zh-TW"
    return provider_code(language, _CODES)


class PapagoProvider:
    """Papago NMT: Korean, English, Japanese, Chinese and a few more."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.name = settings.name
        self.max_chars = resolve_max_chars(settings, DEFAULT_MAX_CHARS)
        key_id = settings.option("key_id") or os.environ.get("L10N_PAPAGO_KEY_ID")
        if not key_id:
            raise ConfigurationError("needs a key id: set the key_id option or L10N_PAPAGO_KEY_ID", provider=self.name)
        secret = require_secret(settings, "a client secret")
        url = base_url(settings, DEFAULT_URL)
        # The API takes one text per request.
        self.max_texts = 1
        self.max_request_chars = self.max_chars
        self.local = is_local_url(url)
        self._url = url + "/nmt/v1/translation"
        self._headers = {"X-NCP-APIGW-API-KEY-ID": key_id, "X-NCP-APIGW-API-KEY": secret}
        self._honorific = (settings.option("honorific") or "").lower() in ("1", "true", "yes")
        self._client = Client(settings)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [self._translate_one(text, _code(source), _code(target)) for text in texts]

    def _translate_one(self, text: str, source: str, target: str) -> str:
        leading, core, trailing = split_whitespace(text)
        if not core:
            return text
        body = {"source": source, "target": target, "text": core}
        if self._honorific:
            body["honorific"] = "true"
        answer = self._client.post_json(self._url, headers=self._headers, json_body=body)
        translated = dig(answer, "message", "result", "translatedText")
        if not isinstance(translated, str):
            raise BadResponse("the answer has no message.result.translatedText", provider=self.name)
        if not translated.strip():
            raise BadResponse("the service answered an empty translation", provider=self.name)
        return leading + translated.strip() + trailing
