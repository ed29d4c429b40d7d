#!/usr/bin/env python3
"""The container's process table as JSON lines, for the hermetic tests: pid, ppid, state, argv and
the LAUNCHGUARD_JOB / LAUNCHGUARD_INSTANCE tags from each process's environment. A process that
ends while it is read is left out; a zombie has no argv and no environment, only its state."""
import json
import os

for name in os.listdir("/proc"):
    if not name.isdigit():
        continue
    pid = int(name)
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
        # The command name is in parentheses and may hold spaces: split after the last ')'.
        fields = stat[stat.rindex(")") + 2:].split()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
        tags = {}
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                for entry in f.read().split(b"\0"):
                    key, _, value = entry.decode(errors="replace").partition("=")
                    if key in ("LAUNCHGUARD_JOB", "LAUNCHGUARD_INSTANCE"):
                        tags[key] = value
        except OSError:
            pass
    except (OSError, ValueError):
        continue
    print(json.dumps({"pid": pid, "ppid": int(fields[1]), "state": fields[0], "argv": argv,
                      "job": tags.get("LAUNCHGUARD_JOB", ""), "instance": tags.get("LAUNCHGUARD_INSTANCE", "")}))
