"""Fixtures shared by the whole suite (importable helpers live in support.py)."""

from __future__ import annotations

import pytest

from support import run_cli


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    """Config lookups are cached per folder for speed; tests create new config files constantly."""
    from sparklint import config, discovery

    config.settings_for_dir.cache_clear()
    discovery._gitignore.cache_clear()
    discovery._ignores_above.cache_clear()
    yield
