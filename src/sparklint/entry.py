"""The `sparklint` program: a `check` identical to a recorded one is replayed (see `replay`);
everything else runs the command line, and a `check` that could be replayed next time is recorded."""

from __future__ import annotations

import sys

from sparklint import replay


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    recording = replay.prepare(argv)
    if recording is not None:
        code = recording.replay()
        if code is not None:
            sys.exit(code)
    from sparklint.cli import main as command

    if recording is None:
        command(args=argv)
    else:
        with recording:
            command(args=argv)
