"""Any OpenAI-compatible chat completions endpoint as a translator.

Covers api.openai.com and local servers that speak the same protocol (llama.cpp's
server, vLLM, Ollama's /v1, LM Studio): ``POST {url}/chat/completions``, one text per
request, temperature 0. Options: ``url`` (default https://api.openai.com/v1),
``model`` (default gpt-4o-mini), ``temperature``, ``max_chars``. The secret is sent
as a bearer token when there is one; local servers usually need none.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.mt.base import BadResponse, ConfigurationError, ProviderSettings
from l10n.mt.providers.http import Client, base_url, dig, language_parts, resolve_max_chars, split_whitespace

DEFAULT_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
# A segment and its translation must fit the model's answer comfortably; long
# answers are where models start to summarise.
DEFAULT_MAX_CHARS = 6000

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
        self._url = base_url(settings, DEFAULT_URL) + "/chat/completions"
        self._model = settings.option("model") or DEFAULT_MODEL
        try:
            self._temperature = float(settings.option("temperature") or 0)
        except ValueError:
            raise ConfigurationError("temperature must be a number such as 0 or 0.2", provider=self.name) from None
        self._headers = {"Authorization": f"Bearer {settings.secret}"} if settings.secret else {}
        self._client = Client(settings)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        prompt = SYSTEM_PROMPT.format(source=language_name(source), target=language_name(target))
        return [self._translate_one(text, prompt) for text in texts]

    def _translate_one(self, text: str, prompt: str) -> str:
        leading, core, trailing = split_whitespace(text)
        if not core:
            return text
        body = {
            "model": self._model,
            "temperature": self._temperature,
            "messages": [{"role": "system", "content": prompt}, {"role": "user", "content": core}],
        }
        answer = self._client.post_json(self._url, headers=self._headers, json_body=body)
        content = dig(answer, "choices", 0, "message", "content")
        if not isinstance(content, str):
            raise BadResponse("the answer has no choices[0].message.content", provider=self.name)
        if dig(answer, "choices", 0, "finish_reason") == "length":
            raise BadResponse("the answer was cut off at the model's length limit", provider=self.name)
        if not content.strip():
            raise BadResponse("the model answered an empty translation", provider=self.name)
        return leading + content.strip() + trailing
