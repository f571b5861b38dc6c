"""The exit codes of policebench, defined once; every place that exits names one of these.

README's "Exit codes" line lists the same values: keep the two together.
"""

from __future__ import annotations

import os
import sys

#: Done (also when the rubrics compared differ, or some levels are opinions: warnings only).
OK = 0
#: Bad input or usage: the message names the file, line and column, with a hint. Also a run
#: that left bad inputs out and wrote the rest (the problems are listed on stderr). Also the
#: faults of the machine a planner meets (permission denied, a full disk, a file-size limit, a
#: read-only file system: ``cli.common.IO_FAULTS``), said with their path: like bad input,
#: theirs to fix, and the previous output is intact.
BAD_INPUT = 2
#: An internal error: a bug in policebench, reported with its traceback (EX_SOFTWARE).
INTERNAL = 70
#: Interrupted by Ctrl-C (128 + SIGINT, as a shell reports it).
INTERRUPTED = 130
#: The reader of stdout went away early (``policebench compare | head -1``): not a failure of
#: policebench, and said without a traceback.
BROKEN_PIPE = OK


def silence_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit does not fail once more.

    Called when stdout's reader has gone (a broken pipe): what is still buffered would
    otherwise be flushed into the closed pipe at interpreter exit, and Python would print
    "Exception ignored ... BrokenPipeError" on stderr and exit 120. A stdout without a file
    descriptor (a test's capture) is left alone.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
