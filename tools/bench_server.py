"""A deliberately minimal HTTP/1.1 server for benchmarks: keep-alive, one canned JSON reply.

    python -m tools.bench_server   # prints its URL, serves until SIGTERM/SIGINT

It parses just enough (headers, Content-Length) to keep framing right and answers every request
with the documented success body of DELETE /outbound/smarthost, so the server side costs a few
microseconds and cannot hide the client's cost (tools/bench.py measures how little it costs).
"""

from __future__ import annotations

import asyncio
import json
import signal

from scripts.oas import example_of, json_schema_of, load_spec

REQUEST_END = b"\r\n\r\n"


def canned_reply() -> bytes:
    responses = load_spec()["paths"]["/outbound/smarthost"]["delete"]["responses"]
    schema = json_schema_of(responses["200"]["content"])
    assert schema is not None
    body = json.dumps(example_of(schema)).encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


class CannedHTTP(asyncio.Protocol):
    def __init__(self, reply: bytes) -> None:
        self.reply = reply
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(REQUEST_END)) >= 0:
            head = self.buffer[:end].lower()
            start = head.find(b"content-length:")
            length = int(head[start + 15 :].split(b"\r\n", 1)[0]) if start >= 0 else 0
            total = end + len(REQUEST_END) + length
            if len(self.buffer) < total:
                return  # the body is still on its way
            self.buffer = self.buffer[total:]
            self.transport.write(self.reply)


async def serve() -> None:
    loop = asyncio.get_running_loop()
    reply = canned_reply()
    server = await loop.create_server(lambda: CannedHTTP(reply), "127.0.0.1", 0, backlog=2048)
    port = server.sockets[0].getsockname()[1]
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    print(f"benchmark server on http://127.0.0.1:{port}", flush=True)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(serve())
