"""Runs a command the way a real init would see it: as a child subreaper that reaps orphans at once.

Usage: reaper.py COMMAND [ARG...]

monit's start program backgrounds the target and exits, so the target is an orphan. Under a real
init it is reaped the moment it dies; this machine's PID 1 does not reap, and monit would first see
a zombie and only a cycle later "not running". SIGTERM and SIGINT are passed to the command; when it
exits, the processes it left running (monit -I leaves its services up) are killed and reaped, and
their number is printed.
"""
import ctypes
import os
import signal
import sys

PR_SET_CHILD_SUBREAPER = 36
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("reaper: prctl(PR_SET_CHILD_SUBREAPER) failed: errno %d" % ctypes.get_errno())
child = os.fork()
if child == 0:
    os.execvp(sys.argv[1], sys.argv[1:])


def forward(signum, frame):
    try:
        os.kill(child, signum)
    except ProcessLookupError:
        pass


signal.signal(signal.SIGTERM, forward)
signal.signal(signal.SIGINT, forward)
code = 1
while True:
    pid, status = os.wait()
    if pid == child:
        code = os.waitstatus_to_exitcode(status)
        break

left = 0
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == os.getpid():
            os.kill(int(entry), signal.SIGKILL)
            left += 1
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
if left:
    print("reaper: killed %d process(es) %s left running" % (left, os.path.basename(sys.argv[1])), flush=True)
sys.exit(code)
