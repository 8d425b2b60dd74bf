"""Stop a process and everything it started, by pid: Spark leaves JVMs and Python workers behind otherwise.

Executors of a local-cluster are grandchildren of the runner (runner -> driver JVM -> executor JVM ->
python workers), so the whole tree is collected before anything is signalled: a parent that dies first
would orphan its children out of reach. The kill is immediate (SIGKILL) and parents go first, because a
local-cluster worker lives in the driver JVM and relaunches any executor it sees die while it is alive.
"""

from __future__ import annotations

import psutil


def tree(pid: int) -> list[psutil.Process]:
    """The process and all its descendants still alive, parents before their children."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def kill_tree(pid: int, timeout: float = 10.0) -> None:
    """Kill the tree rooted at `pid`, parents first, and wait for every process to be gone."""
    kill_all(tree(pid), timeout)


def kill_all(procs: list[psutil.Process], timeout: float = 10.0) -> None:
    """Kill processes in the given order; a pid reused since it was collected is left alone (psutil checks)."""
    for proc in procs:
        try:
            if proc.is_running():
                proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(procs, timeout=timeout)


def cpu_seconds(proc: psutil.Process) -> float:
    """User + system CPU of one process (not its children), 0 once it is gone."""
    try:
        times = proc.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return times.user + times.system
