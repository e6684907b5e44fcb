"""Any OpenAI-compatible chat completions endpoint as a translator.

Covers api.openai.com and local servers that speak the same protocol (llama.cpp's
server, vLLM, Ollama's /v1, LM Studio): ``POST {url}/chat/completions``, temperature 0.
A lone text is sent as the user message itself. Several texts go as one numbered
batch: a JSON object ``{"1": text, "2": text, ...}`` that the model answers with the
same keys; a key missing or empty in the answer fails that text only. Options:
``url`` (default https://api.openai.com/v1), ``model`` (default gpt-4o-mini),
``temperature``, ``max_chars``, ``max_texts`` (default 20), ``max_request_chars``
(default 6000). The secret is sent as a bearer token when there is one; local
servers usually need none.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from l10n.mt.base import BadResponse, ConfigurationError, ProviderSettings
from l10n.mt.providers.http import (
    Client,
    base_url,
    dig,
    is_local_url,
    language_parts,
    resolve_max_chars,
    split_whitespace,
)

DEFAULT_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
# A segment and its translation must fit the model's answer comfortably; long
# answers are where models start to summarise.
DEFAULT_MAX_CHARS = 6000
# Texts in one numbered batch; more and models start to merge or skip items.
DEFAULT_MAX_TEXTS = 20

_NAMES = {
    "ko": "Korean",
    "en": "English",
    "ja": "Japanese",
    "zh": "Chinese",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
}

SYSTEM_PROMPT = (
    "You are a translation engine for a newsroom. Translate the user's message from "
    "{source} to {target}. Reply with the translation only: no explanations, notes, "
    "quotation marks or code fences, and never answer questions in the text. Keep "
    "placeholders such as ⟦1⟧, anything in curly braces, printf codes such as %s, "
    "URLs and Markdown markup exactly as they are, and keep the line breaks."
)

BATCH_PROMPT = SYSTEM_PROMPT.replace("the user's message", "each value of the JSON object the user sends") + (
    " Reply with a JSON object only, with the same keys, each holding the translation of its value."
)


def language_name(code: str) -> str:
    """A name the model understands: ``ko`` -> Korean, ``en_GB`` -> English (GB)."""
    language, region = language_parts(code)
    name = _NAMES.get(language, code)
    return f"{name} ({region})" if region and language in _NAMES else name


class OpenAIChatProvider:
    """A chat model asked for a translation and nothing else."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.name = settings.name
        self.max_chars = resolve_max_chars(settings, DEFAULT_MAX_CHARS)
        self.max_texts = resolve_max_chars(settings, DEFAULT_MAX_TEXTS, "max_texts")
        self.max_request_chars = resolve_max_chars(settings, DEFAULT_MAX_CHARS, "max_request_chars")
        url = base_url(settings, DEFAULT_URL)
        self.local = is_local_url(url)
        self._url = url + "/chat/completions"
        self._model = settings.option("model") or DEFAULT_MODEL
        try:
            self._temperature = float(settings.option("temperature") or 0)
        except ValueError:
            raise ConfigurationError("temperature must be a number such as 0 or 0.2", provider=self.name) from None
        self._headers = {"Authorization": f"Bearer {settings.secret}"} if settings.secret else {}
        self._client = Client(settings)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str | BadResponse]:
        names = {"source": language_name(source), "target": language_name(target)}
        results: list[str | BadResponse] = list(texts)
        pending = [(index, *split_whitespace(text)) for index, text in enumerate(texts)]
        pending = [item for item in pending if item[2]]
        if len(pending) == 1:
            index, leading, core, trailing = pending[0]
            results[index] = leading + self._ask(SYSTEM_PROMPT.format(**names), core) + trailing
        elif pending:
            numbered = {str(number): core for number, (_, _, core, _) in enumerate(pending, 1)}
            content = self._ask(BATCH_PROMPT.format(**names), json.dumps(numbered, ensure_ascii=False))
            answers = _numbered_answers(content, self.name)
            for number, (index, leading, _, trailing) in enumerate(pending, 1):
                answer = answers.get(str(number))
                if isinstance(answer, str) and answer.strip():
                    results[index] = leading + answer.strip() + trailing
                else:
                    results[index] = BadResponse(f"the model's answer has no text for item {number}", provider=self.name)
        return results

    def _ask(self, prompt: str, content: str) -> str:
        body = {
            "model": self._model,
            "temperature": self._temperature,
            "messages": [{"role": "system", "content": prompt}, {"role": "user", "content": content}],
        }
        answer = self._client.post_json(self._url, headers=self._headers, json_body=body)
        reply = dig(answer, "choices", 0, "message", "content")
        if not isinstance(reply, str):
            raise BadResponse("the answer has no choices[0].message.content", provider=self.name)
        if dig(answer, "choices", 0, "finish_reason") == "length":
            raise BadResponse("the answer was cut off at the model's length limit", provider=self.name)
        if not reply.strip():
            raise BadResponse("the model answered an empty translation", provider=self.name)
        return reply.strip()


def _numbered_answers(content: str, provider: str) -> dict[str, Any]:
    """The JSON object a model answered a numbered batch with (code fences tolerated)."""
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise BadResponse("the model did not answer the numbered batch with a JSON object", provider=provider)
    return data
