"""The supervised target of the side-by-side run: an HTTP server on 127.0.0.1 answering 200 "ok".

Usage: target_server.py PORT START_DELAY_SECONDS STARTS_FILE PID_FILE

On start it appends its PID to STARTS_FILE (so the harness counts every start, whichever tool made
it) and writes PID_FILE (for monit), then sleeps START_DELAY_SECONDS before it listens: 0 is the
instant starter, 4 the slow one.
"""
import http.server
import os
import sys
import time

port, delay, starts, pid_file = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
with open(starts, "a") as f:
    f.write("%d\n" % os.getpid())
with open(pid_file + ".tmp", "w") as f:
    f.write("%d\n" % os.getpid())
os.replace(pid_file + ".tmp", pid_file)
time.sleep(delay)


class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Ok)
server.daemon_threads = True
server.serve_forever()
