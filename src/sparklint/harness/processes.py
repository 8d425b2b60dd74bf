"""Stop a process and everything it started, by pid: Spark leaves JVMs and Python workers behind otherwise.

Executors of a local-cluster are grandchildren of the runner (runner -> driver JVM -> executor JVM ->
python workers), so the whole tree is collected before anything is signalled: a parent that dies first
would orphan its children out of reach.
"""

from __future__ import annotations

import psutil


def tree(pid: int) -> list[psutil.Process]:
    """The process and all its descendants still alive, parent first."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def kill_tree(pid: int, grace: float = 5.0) -> None:
    """Terminate the tree rooted at `pid`, then kill what is still alive after `grace` seconds."""
    procs = tree(pid)
    for proc in procs:
        try:
            proc.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for proc in alive:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=grace)


def cpu_seconds(proc: psutil.Process) -> float:
    """User + system CPU of one process (not its children), 0 once it is gone."""
    try:
        times = proc.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return times.user + times.system
