"""`python -m sparklint`: the same command as the `sparklint` script.

`-m` puts the current folder first on `sys.path`; in a checked repository that would let a
`json.py` or `click.py` of the user's shadow the real module and run. `check` never runs user
code, so the folder comes off the path before anything else is imported.
"""

import os
import sys

if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from sparklint.cli import main  # noqa: E402  (after the path is safe)

main()
