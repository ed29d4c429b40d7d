#!/usr/bin/env python3
"""A job whose children end behind its back: every 50 ms it double-forks a grandchild that lives
50 ms. The middle child exits at once and is reaped here, so the grandchild is re-parented to PID 1
and, when it ends, is a zombie only PID 1 can reap. After COUNT grandchildren it stops forking and
sleeps, still alive. The number made so far is in the file named by argv[2]. It listens on
127.0.0.1:argv[3], accepting and closing on a thread of its own, so that a liveness probe sees it
alive."""
import os
import socket
import sys
import threading
import time

count = int(sys.argv[1])
progress = sys.argv[2]
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", int(sys.argv[3])))
listener.listen(16)


def accept():
    while True:
        connection, _ = listener.accept()
        connection.close()


threading.Thread(target=accept, daemon=True).start()
for made in range(1, count + 1):
    child = os.fork()
    if child == 0:
        if os.fork() == 0:
            time.sleep(0.05)
            os._exit(0)
        os._exit(0)
    os.waitpid(child, 0)
    with open(progress + ".tmp", "w") as f:
        f.write(str(made))
    os.replace(progress + ".tmp", progress)
    time.sleep(0.05)
while True:
    time.sleep(3600)
