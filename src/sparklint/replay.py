"""Answer a `check` that repeats an earlier one exactly by writing back that run's output.

Before its first file, a warm run of a Python linter has already spent most of its time: starting
Python, importing, finding files and settings, looking each file up in the cache. But the same
command, run again where nothing it depends on has changed, prints the same report and exits
with the same code. So a recorded run keeps its output and everything it saw on disk (`journal`),
and an identical later run checks those observations and writes the output back, having imported
nothing but this module, `journal` and `locations`.

"Identical" is deliberately strict: the same arguments, folder and environment (shell
bookkeeping aside), the same streams being terminals of the same size, the same Python with the
same installed packages, and sparklint's own files unchanged. Anything else takes the ordinary
path, which records anew. Only `check` is replayed, and only when its answer depends on files
alone (not on stdin, git, a baseline, or a report file) and goes to stdout; a run with an error,
with anything on stderr (a progress bar included), or with a larger output than MAX_OUTPUT is not
recorded. Records live under `<cache dir>/runs`; `--no-cache` neither reads nor writes them.
Records are compressed `marshal` data (a report shrinks about 14-fold): they are read from the
user's own cache folder only.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

TYPE_CHECKING = False  # typing itself is not imported: a replay must start in a few milliseconds
if TYPE_CHECKING:
    from typing import TextIO

from sparklint import journal
from sparklint.locations import default_cache_dir, own_files

FORMAT = 2  # bump when a record's layout changes
FOLDER = "runs"
KEEP = 32  # records kept per cache folder; the least recently written go first
MAX_OUTPUT = 16_000_000  # characters
SHELL_BOOKKEEPING = frozenset({"_", "OLDPWD", "PWD", "SHLVL"})  # differ between identical commands

# The options of `check` a replay can stand in for, and whether each takes a value. Any other
# argument that starts with "-" (stdin, `--diff`, `--baseline`, `--write-baseline`, `--output-file`,
# `--no-cache`, `--help`, short options run together) means the command is run, never replayed.
REPLAYABLE = {
    "--select": True, "--ignore": True, "--format": True, "--target": True, "--data-size": True, "--fail-on": True,
    "--cache-dir": True, "--jobs": True, "-j": True,
    "--exit-zero": False, "--quiet": False, "-q": False, "--no-color": False, "--force-exclude": False,
    "--statistics": False,
}


def prepare(argv: list[str]) -> Recording | None:
    """The record this command would replay or write, or None for a command that is always run."""
    try:
        cache_dir = _cache_dir(argv)
        if cache_dir is None:
            return None
        command = (sys.executable, tuple(argv), os.getcwd(),
                   tuple(sorted(item for item in os.environ.items() if item[0] not in SHELL_BOOKKEEPING)),
                   tuple(_terminal(fd) for fd in (0, 1, 2)))
        installed = (sys.version, tuple(_modified(folder) for folder in sys.path), own_files())
    except OSError:
        return None  # the folder was deleted, say: the command itself will say what is wrong
    name = f"{zlib.crc32(repr(command).encode('utf-8', 'surrogatepass')):08x}"
    return Recording(os.path.join(cache_dir, FOLDER, name), (FORMAT, command, installed))


def _cache_dir(argv: list[str]) -> str | None:
    """Where this `check` keeps its cache (as `cli` and `api` decide it), or None when no replay may
    stand in for it."""
    if not argv or argv[0] != "check" or "SPARKLINT_NO_CACHE" in os.environ:
        return None
    named = os.environ.get("SPARKLINT_CACHE_DIR")
    arguments = iter(argv[1:])
    for argument in arguments:
        if argument in ("-", "--"):
            return None
        if not argument.startswith("-"):
            continue
        option, equals, value = argument.partition("=")
        if option not in REPLAYABLE:
            return None
        if REPLAYABLE[option] and not equals:
            value = next(arguments, None)
            if value is None:
                return None
        if option == "--cache-dir":
            named = value
    return named or default_cache_dir()


def _terminal(fd: int) -> tuple[int, int] | None:
    try:
        return tuple(os.get_terminal_size(fd)) if os.isatty(fd) else None
    except OSError:
        return None


def _modified(folder: str) -> int | None:
    """A folder's mtime: installing or removing a package changes its folder on `sys.path`."""
    try:
        return os.stat(folder or ".").st_mtime_ns
    except OSError:
        return None


class Recording:
    """One command's record: replayed if it still holds, else written by running the command inside `with`."""

    def __init__(self, path: str, key: tuple) -> None:
        self.path = path
        self.key = key
        self.streams: tuple[_Copy, _Copy] | None = None

    def replay(self) -> int | None:
        """Write the recorded output and return its exit code, if this command was recorded and
        nothing it looked at has changed since; else None, having written nothing."""
        try:
            with open(self.path, "rb") as handle:
                key, notes, output, code = marshal.loads(zlib.decompress(handle.read()))
        except (OSError, EOFError, ValueError, TypeError, zlib.error):
            return None
        if key != self.key or not journal.unchanged(notes):
            return None
        sys.stdout.write(output)
        sys.stdout.flush()
        return code

    def __enter__(self) -> Recording:
        self.streams = (_Copy(sys.stdout, keep=True), _Copy(sys.stderr, keep=False))
        sys.stdout, sys.stderr = self.streams
        journal.record()
        return self

    def __exit__(self, kind, error, trace) -> None:
        notes = journal.recorded()
        output, errors = self.streams
        sys.stdout, sys.stderr = output.stream, errors.stream
        code = error.code if isinstance(error, SystemExit) else "no exit"
        if code in (None, 0, 1) and not (output.spoilt or errors.spoilt):
            self._write(notes, "".join(output.parts), code or 0)

    def _write(self, notes: dict, output: str, code: int) -> None:
        """Atomically (a temporary file of this process, then rename), and only into a cache the run
        itself kept. (No `tempfile`: importing it costs more than the rest of the write.)"""
        folder = os.path.dirname(self.path)
        if not os.path.isdir(os.path.dirname(folder)):
            return
        temporary = os.path.join(folder, f".tmp-{os.getpid()}")
        try:
            os.makedirs(folder, exist_ok=True)
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(zlib.compress(marshal.dumps((self.key, notes, output, code))))
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
            _prune(folder)
        except OSError:
            pass  # a record that cannot be written is no error: the next run is simply not replayed


def _prune(folder: str) -> None:
    with os.scandir(folder) as entries:
        records = [(entry.stat().st_mtime_ns, entry.path) for entry in entries if not entry.name.startswith(".")]
    for _, path in sorted(records)[:-KEEP]:
        try:
            os.unlink(path)
        except OSError:
            pass


class _Copy:
    """A stream that writes through; stdout's keeps what it wrote, and anything written to
    stderr (or past the copy: bytes, the binary buffer) spoils the record."""

    def __init__(self, stream: TextIO, keep: bool) -> None:
        self.stream = stream
        self.parts: list[str] = []
        self.keep = keep
        self.size = 0
        self.spoilt = False

    def write(self, text: str) -> int:
        if text:
            self.size += len(text)
            if not self.keep or not isinstance(text, str) or self.size > MAX_OUTPUT:
                self.spoilt = True
            elif not self.spoilt:
                self.parts.append(text)
        return self.stream.write(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        if name == "buffer":
            self.spoilt = True
        return getattr(self.stream, name)
