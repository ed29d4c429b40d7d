#!/usr/bin/env python3
"""A wrapper, as `npm start` or a shell script is: runs the program named by its arguments as a
child, waits for it, then exits 1, so the job's port is served by a child of the job's main
process. With --ignore-term first, SIGTERM is ignored here and, since an ignored signal stays
ignored across exec, by the child too. Started with an argument array; no shell is involved."""
import signal
import subprocess
import sys

args = sys.argv[1:]
if args[:1] == ["--ignore-term"]:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    args = args[1:]
subprocess.call(args)
sys.exit(1)
