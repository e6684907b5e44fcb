"""What every machine translation provider looks like from above the adapters.

A provider takes a batch of texts and returns one translation per text, or raises
one of the few errors below. Nothing above an adapter sees a provider library's
types or messages, and no error message may contain a secret (API keys are
scrubbed by the adapter before an error leaves it).

Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class ProviderError(Exception):
    """A provider failed; the message is safe to print (no secrets)."""

    def __init__(self, message: str, *, provider: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider

    def __str__(self) -> str:
        return f"{self.provider}: {self.message}" if self.provider else self.message


class ConfigurationError(ProviderError):
    """Missing or rejected key, bad URL, unsupported language: retrying cannot help."""


class RateLimited(ProviderError):
    """HTTP 429 or a quota answer; ``retry_after`` is the server's wish in seconds."""

    def __init__(self, message: str, *, provider: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, provider=provider)
        self.retry_after = retry_after


class TransientError(ProviderError):
    """A timeout, a dropped connection, a 5xx: worth retrying after a pause."""


class BadResponse(ProviderError):
    """The answer arrived but cannot be used (malformed, empty, echoed, wrong script)."""


@dataclass(frozen=True)
class ProviderSettings:
    """A provider's options from configuration and environment (see config.py).

    ``options`` holds the provider's own keys (``url``, ``model``, ``region``...);
    ``secret`` is its API key, read from ``L10N_<NAME>_API_KEY`` or the file named by
    ``L10N_<NAME>_API_KEY_FILE`` and never from a flag or a file in the repo.
    """

    name: str
    options: Mapping[str, str] = field(default_factory=dict)
    secret: str | None = field(default=None, repr=False)
    timeout: float = 30.0  # seconds, for both connecting and reading

    def option(self, key: str, default: str | None = None) -> str | None:
        return self.options.get(key, default)


class Provider(Protocol):
    """One machine translation service. An instance is used by one thread only.

    The limits say what one request may carry: ``max_chars`` characters in any one
    text, ``max_texts`` texts and ``max_request_chars`` characters in all. A call of
    ``translate`` within them is one request (one request per text where the
    service or its client has no list API: then ``max_texts`` is 1). ``local`` is
    true for a service on this machine or the local network (pseudo, a loopback or
    private address), which needs no pacing.
    """

    name: str
    max_chars: int
    max_texts: int
    max_request_chars: int
    local: bool

    def translate(self, texts: Sequence[str], source: str, target: str) -> Sequence[str | BadResponse]:
        """Translate each text from ``source`` to ``target`` (codes like ``ko``, ``en``).

        Returns exactly one item per text, in order: the translation, or a
        BadResponse for a text whose answer cannot be used (only that text fails).
        Raises a ProviderError when the request as a whole failed.
        """
        ...
