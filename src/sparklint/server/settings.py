"""The settings of a document's folder, re-read when a configuration file changes.

`settings_for` keeps each folder's configuration for the life of the process: right for one
`check` run, wrong for an editor session. Before each check the server looks at the
configuration files that could apply (at and above the document's folder: their time and size,
or their absence) and forgets the kept settings when any differs from what it saw last, so an
edited, created or deleted `pyproject.toml` / `sparklint.toml` counts at the next check.
"""

from __future__ import annotations

import os
from pathlib import Path

from sparklint.api import settings_for
from sparklint.config import Settings, real_path, settings_for_dir

CONFIG_NAMES = ("sparklint.toml", "pyproject.toml")

_seen: dict[str, tuple[int, int] | None] = {}  # configuration path -> (mtime, size), None if absent


def current_settings(path: Path) -> Settings:
    folder = Path(real_path(path.parent))
    now = {str(place / name): _status(place / name) for place in (folder, *folder.parents) for name in CONFIG_NAMES}
    if any(_seen.get(config, status) != status for config, status in now.items()):
        settings_for_dir.cache_clear()
    _seen.update(now)
    return settings_for(path)


def _status(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
