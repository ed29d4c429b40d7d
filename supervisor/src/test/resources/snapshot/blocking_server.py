"""A small asyncio HTTP server whose /block handler blocks the event loop for good.

The handler takes a lock the server already holds, on the event loop's own thread: every later
request hangs, the process stays alive and idle (its main thread waits on a futex). SnapshotterIT
runs it to check that a snapshot of a stuck Python server keeps its threads' wait channels and,
where py-spy is installed, the Python stack through blocking_handler.

Usage: python3 blocking_server.py PORT
"""
import asyncio
import sys
import threading

HELD = threading.Lock()
HELD.acquire()


def blocking_handler():
    # Blocks the event loop: the lock is never released.
    HELD.acquire()


async def handle(reader, writer):
    request = await reader.readline()
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    if request.startswith(b"GET /block"):
        blocking_handler()
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n")
    await writer.drain()
    writer.close()


async def main(port):
    server = await asyncio.start_server(handle, "127.0.0.1", port)
    print("listening on", port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
