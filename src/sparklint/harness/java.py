"""Find a Java that Spark 4 can run on, before starting anything, so a missing JDK is one clear line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

MINIMUM = 17
INSTALL_HINT = (
    f"install Java {MINIMUM} or newer (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; "
    "macOS: `brew install openjdk@17`) or point JAVA_HOME at one"
)


class JavaError(Exception):
    """No usable Java: the message says what was found and what to install."""


def java_executable() -> str | None:
    """The `java` Spark will launch: JAVA_HOME's if set, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = os.path.join(home, "bin", "java")
        return candidate if os.access(candidate, os.X_OK) else None
    return shutil.which("java")


def major_version(version_output: str) -> int | None:
    """The major version in `java -version` output: '1.8.0_292' is 8, '17.0.15' is 17."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def require_java() -> str:
    """Return the java path, or raise JavaError naming what to install."""
    java = java_executable()
    if java is None:
        where = "JAVA_HOME/bin/java" if os.environ.get("JAVA_HOME") else "java on PATH"
        raise JavaError(f"Spark needs Java, but there is no {where}: {INSTALL_HINT}")
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise JavaError(f"{java} -version failed ({exc}): {INSTALL_HINT}") from None
    major = major_version(out.stderr + out.stdout)
    if major is None or major < MINIMUM:
        found = f"Java {major}" if major else "an unknown Java"
        raise JavaError(f"Spark 4 needs Java {MINIMUM}+, found {found} at {java}: {INSTALL_HINT}")
    return java
