"""Adapters from the Provider protocol (``l10n.mt.base``) to each machine
translation service. ``l10n.mt.PROVIDERS`` loads them lazily by name.
"""
