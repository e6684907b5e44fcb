"""Machine translation providers by the names users type, and ``create`` to make one.

    >>> provider = create(ProviderSettings(name="pseudo"))
    >>> provider.translate(["Hello ⟦1⟧"], "en", "ko")
    ['[Ĥéļļö ⟦1⟧ ··]']

Each factory imports its adapter module on first use, so ``import l10n.mt`` stays
cheap and a missing optional library (``deepl``) only matters to whoever asks for it.
Every call of a factory returns a new provider; a provider is used by one thread.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable

from l10n.mt.base import ConfigurationError, Provider, ProviderSettings

Factory = Callable[[ProviderSettings], Provider]


def _lazy(module: str, attribute: str, package: str) -> Factory:
    def factory(settings: ProviderSettings) -> Provider:
        try:
            adapter = importlib.import_module(f"{__name__}.providers.{module}")
        except ModuleNotFoundError as error:
            missing = error.name
            if missing is None or not missing.startswith(package):
                raise
            failure = ConfigurationError(f"needs the {package} package: pip install {package}", provider=settings.name)
        else:
            return getattr(adapter, attribute)(settings)
        raise failure

    factory.__name__ = f"create_{module}_{attribute}"
    factory.__doc__ = f"A new {attribute} (module l10n.mt.providers.{module}, library {package})."
    return factory


PROVIDERS: dict[str, Factory] = {
    "google": _lazy("deep", "GoogleProvider", "deep_translator"),
    "microsoft": _lazy("deep", "MicrosoftProvider", "deep_translator"),
    "libre": _lazy("deep", "LibreProvider", "deep_translator"),
    "mymemory": _lazy("deep", "MyMemoryProvider", "deep_translator"),
    "baidu": _lazy("deep", "BaiduProvider", "deep_translator"),
    "deepl": _lazy("deepl_api", "DeepLProvider", "deepl"),
    "papago": _lazy("papago", "PapagoProvider", "requests"),
    "openai": _lazy("openai_chat", "OpenAIChatProvider", "requests"),
    "pseudo": _lazy("pseudo", "PseudoProvider", "l10n"),
}

PROVIDER_NAMES: tuple[str, ...] = tuple(sorted(PROVIDERS))

# List prices per million characters, for --dry-run estimates; [provider] price
# overrides. Self-hosted and pseudo cost nothing per character.
LIST_PRICES: dict[str, tuple[float, str]] = {
    "google": (20.0, "USD"),
    "microsoft": (10.0, "USD"),
    "deepl": (20.0, "EUR"),
    "papago": (20000.0, "KRW"),
    "baidu": (49.0, "CNY"),
    "mymemory": (0.0, "USD"),
    "libre": (0.0, "USD"),
    "openai": (0.0, "USD"),
    "pseudo": (0.0, "USD"),
}


def create(settings: ProviderSettings) -> Provider:
    """A new provider for ``settings.name``, or ConfigurationError with a suggestion."""
    name = settings.name.strip().lower()
    factory = PROVIDERS.get(name)
    if factory is None:
        from difflib import get_close_matches  # only a mistyped name pays for loading it

        close = get_close_matches(name, PROVIDER_NAMES, n=1, cutoff=0.5)
        hint = f'did you mean "{close[0]}"? ' if close else ""
        raise ConfigurationError(f'unknown provider "{settings.name}"; {hint}known providers: {", ".join(PROVIDER_NAMES)}')
    if name != settings.name:
        settings = dataclasses.replace(settings, name=name)
    return factory(settings)


__all__ = ["LIST_PRICES", "PROVIDERS", "PROVIDER_NAMES", "Factory", "Provider", "ProviderSettings", "create"]
