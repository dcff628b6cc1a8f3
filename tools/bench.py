"""`make bench`: the SDK's cost against raw httpx, as ratios (SDK / raw) with their spread.

Both sides talk to the same local server (tools/bench_server.py, another process) over reused
keep-alive connections, the SDK with every safety feature on (defaults: retries, timeouts, a deadline, the
body cap, typed parsing, validation). Goals, all in one run: import of the package with `JetEmail` <= 1.10x
`import httpx`; in-process (no sockets) per-call time <= 1.15; over loopback <= 1.05; async throughput >= 0.97;
and 1,000 async calls started at once, with no semaphore, all answered. The SDK side is `JetEmail`'s method;
the module function is measured beside it.
"""

from __future__ import annotations

import asyncio
import compileall
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from jetemail_api_client import AsyncJetEmail, AuthenticatedClient, JetEmail
from jetemail_api_client.api.outbound import delete_outbound_smarthost
from jetemail_api_client.client import DEFAULT_TIMEOUT, USER_AGENT
from jetemail_api_client.models import DeleteSmtpUserOk, DeleteSmtpUserRequest

from tools.server_process import server_process

TOKEN = "api_benchmark-key"
PATH = "/outbound/smarthost"
BODY: dict[str, Any] = {"username": "smtp-user1"}  # the body as JSON, and as the method's keyword arguments
SYNC_PAIRS, SYNC_BLOCK = 300, 10  # 3,000 calls a side, in interleaved blocks of 10
ASYNC_CALLS, ASYNC_ROUNDS = 1000, 7
IMPORT_RUNS = 21


@contextmanager
def bench_server() -> Iterator[str]:
    with server_process("tools.bench_server") as (_, url):
        yield url


def spread(values: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(values, n=4)
    return f"{median:.3f} (IQR {q1:.3f}-{q3:.3f}, n={len(values)})"


def timed(call: Callable[[], object], times: int) -> float:
    start = time.perf_counter()
    for _ in range(times):
        call()
    return (time.perf_counter() - start) / times


def interleaved(sdk_call: Callable[[], object], raw_call: Callable[[], object]) -> tuple[list[float], ...]:
    """Paired blocks of calls, alternating which side goes first: per-pair ratios and per-call times (us)."""
    timed(sdk_call, 200), timed(raw_call, 200)  # warm up connections and caches
    ratios, sdk_times, raw_times = [], [], []
    for pair in range(SYNC_PAIRS):
        first, second = (sdk_call, raw_call) if pair % 2 == 0 else (raw_call, sdk_call)
        a, b = timed(first, SYNC_BLOCK), timed(second, SYNC_BLOCK)
        sdk_time, raw_time = (a, b) if first is sdk_call else (b, a)
        ratios.append(sdk_time / raw_time)
        sdk_times.append(sdk_time * 1e6)
        raw_times.append(raw_time * 1e6)
    return ratios, sdk_times, raw_times


def bench_sync(url: str) -> None:
    sdk = JetEmail(base_url=url, api_key=TOKEN)
    raw = httpx.Client(
        base_url=url, timeout=DEFAULT_TIMEOUT, headers={"Authorization": f"Bearer {TOKEN}", "User-Agent": USER_AGENT}
    )

    def sdk_call() -> object:
        return sdk.outbound.smarthost.delete(**BODY)

    def raw_call() -> object:
        return raw.request("DELETE", PATH, json=BODY).json()

    answer = sdk.outbound.smarthost.delete(**BODY)
    assert isinstance(answer, DeleteSmtpUserOk) and raw_call() == answer.to_dict(), (
        "both sides must get the same answer"
    )
    ratios, sdk_times, raw_times = interleaved(sdk_call, raw_call)
    print(f"sync   loopback per-call, SDK / raw   {spread(ratios)}   goal <= 1.05")
    print(f"       medians: SDK {statistics.median(sdk_times):.1f} us, raw {statistics.median(raw_times):.1f} us")
    sdk.close()
    raw.close()


async def bench_async(url: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "User-Agent": USER_AGENT}

    # 1,000 calls started at once (gather); a semaphore lets 20 at a time reach the pool, on both sides:
    # httpcore's pool does work for every queued request on every event, so 1,000 queued requests make
    # the client CPU-bound on that bookkeeping alone, which would dwarf (and hide) the calls themselves.
    in_flight = asyncio.Semaphore(20)
    async with (
        AsyncJetEmail(base_url=url, api_key=TOKEN) as sdk,
        httpx.AsyncClient(base_url=url, timeout=DEFAULT_TIMEOUT, headers=headers) as raw,
    ):

        async def sdk_call() -> object:
            async with in_flight:
                return await sdk.outbound.smarthost.delete(**BODY)

        async def raw_call() -> object:
            async with in_flight:
                return (await raw.request("DELETE", PATH, json=BODY)).json()

        async def throughput(call: Callable[[], Awaitable[object]]) -> float:
            start = time.perf_counter()
            await asyncio.gather(*(call() for _ in range(ASYNC_CALLS)))
            return ASYNC_CALLS / (time.perf_counter() - start)

        await throughput(sdk_call), await throughput(raw_call)  # warm up: open the pools
        ratios, sdk_rates, raw_rates = [], [], []
        for round_number in range(ASYNC_ROUNDS):
            order = (sdk_call, raw_call) if round_number % 2 == 0 else (raw_call, sdk_call)
            rates = {call: await throughput(call) for call in order}
            ratios.append(rates[sdk_call] / rates[raw_call])
            sdk_rates.append(rates[sdk_call])
            raw_rates.append(rates[raw_call])
    print(f"async  throughput, SDK / raw          {spread(ratios)}   goal >= 0.97 ({ASYNC_CALLS} concurrent calls)")
    print(f"       medians: SDK {statistics.median(sdk_rates):.0f}/s, raw {statistics.median(raw_rates):.0f}/s")


async def bench_burst(url: str) -> None:
    """1,000 calls started at once with nothing holding them back: each must get its answer (the pool is sized
    for it), none may end in a pool timeout."""
    async with AsyncJetEmail(base_url=url, api_key=TOKEN) as sdk:
        start = time.perf_counter()
        results = await asyncio.gather(
            *(sdk.outbound.smarthost.delete(**BODY) for _ in range(ASYNC_CALLS)), return_exceptions=True
        )
        elapsed = time.perf_counter() - start
    failed = [type(result).__name__ for result in results if isinstance(result, BaseException)]
    print(
        f"async  burst: {ASYNC_CALLS} calls at once, {len(failed)} failed"
        f"{' (' + ', '.join(sorted(set(failed))) + ')' if failed else ''} in {elapsed:.2f} s   goal: 0 failed"
    )


def import_seconds(module: str) -> float:
    statement = f"from {module.split(':')[0]} import {module.split(':')[1]}" if ":" in module else f"import {module}"
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout)


def bench_import(module: str, goal: str) -> None:
    """`import module` (with bytecode compiled, as a pip install leaves it) against `import httpx`, alternating."""
    package = Path(delete_outbound_smarthost.__file__).parents[2]
    compileall.compile_dir(package, quiet=1)  # this machine sets PYTHONDONTWRITEBYTECODE
    for warm in (module, "httpx"):
        import_seconds(warm)  # warm the OS file cache for both
    ratios, sdk_times, raw_times = [], [], []
    for run in range(IMPORT_RUNS):
        first, second = (module, "httpx") if run % 2 == 0 else ("httpx", module)
        times = {first: import_seconds(first), second: import_seconds(second)}
        ratios.append(times[module] / times["httpx"])
        sdk_times.append(times[module] * 1e3)
        raw_times.append(times["httpx"] * 1e3)
    print(f"import {module:30} / httpx {spread(ratios)}   {goal}")
    print(f"       medians: SDK {statistics.median(sdk_times):.1f} ms, httpx {statistics.median(raw_times):.1f} ms")


def bench_server_cost(url: str) -> None:
    """A bare socket client against the server: its round trip is all the server and the network cost."""
    request = httpx.Request("DELETE", url + PATH, json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    head = f"DELETE {PATH} HTTP/1.1\r\nHost: {request.url.netloc.decode()}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in request.headers.items() if k.lower() != "host")
    wire = head.encode() + b"\r\n" + request.read()
    with socket.create_connection((request.url.host, request.url.port or 80)) as conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def round_trip() -> None:
            conn.sendall(wire)
            conn.recv(65536)

        timed(round_trip, 500)
        rtt = statistics.median(timed(round_trip, SYNC_BLOCK) for _ in range(SYNC_PAIRS)) * 1e6
    print(f"server check: a bare socket round trip takes {rtt:.1f} us (server + loopback), the floor under both sides")


def bench_in_process() -> None:
    """The same sync comparison without sockets (httpx.MockTransport on both sides): the client-side cost
    alone, free of the machine's network jitter; JetEmail's method, then the module function."""
    reply = httpx.Response(200, json={"success": True, "message": "Smarthost deleted successfully"})

    def handler(request: httpx.Request) -> httpx.Response:  # the body streamed, as a real transport hands it over
        return httpx.Response(200, stream=httpx.ByteStream(reply.content), headers=reply.headers)

    old_style = AuthenticatedClient(token=TOKEN, httpx_args={"transport": httpx.MockTransport(handler)})
    sdk = JetEmail(api_key=TOKEN)
    sdk._client = old_style  # the same client, settings and transport: the method's own cost is what differs
    raw = httpx.Client(base_url=old_style.get_httpx_client().base_url, transport=httpx.MockTransport(handler))
    raw.headers.update({"Authorization": f"Bearer {TOKEN}", "User-Agent": USER_AGENT})
    body = DeleteSmtpUserRequest.from_dict(BODY)

    def raw_call() -> object:
        return raw.request("DELETE", PATH, json=BODY).json()

    calls = {
        "JetEmail method": lambda: sdk.outbound.smarthost.delete(**BODY),
        "module function": lambda: delete_outbound_smarthost.sync(client=old_style, body=body),
    }
    for name, sdk_call in calls.items():
        ratios, sdk_times, raw_times = interleaved(sdk_call, raw_call)
        goal = "goal <= 1.15" if name == "JetEmail method" else "(the module function)"
        print(f"sync   in-process, {name}   {spread(ratios)}   {goal}")
        print(f"       medians: SDK {statistics.median(sdk_times):.1f} us, raw {statistics.median(raw_times):.1f} us")


def main() -> int:
    bench_in_process()
    with bench_server() as url:
        bench_server_cost(url)
        bench_sync(url)
        asyncio.run(bench_async(url))
        asyncio.run(bench_burst(url))
    bench_import("jetemail_api_client:JetEmail", "goal <= 1.10")
    bench_import(delete_outbound_smarthost.__name__, "(the module function, models included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
