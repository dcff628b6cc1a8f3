"""A local JetEmail stand-in: serves the operations of openapi.json on loopback, as the spec describes them.

    python -m tools.standin [--port 0] [--api-key KEY] [--fault NAME]

It checks each request against the spec (path, method, Content-Type, body schema, bearer key), keeps a
store of SMTP users, and answers only with bodies that validate against the spec for their status
(they are the spec's own examples). Faults for tests and demos, from the FAULTS table, can be chosen
per instance (`--fault`, every request), armed for the next requests (`arm()`, or
POST /_standin/faults?name=NAME&times=N), or asked for per request (the X-Standin-Fault header);
X-Standin-Status: N answers with the documented response for status N.
Built on the standard library's http.server: no dependency, threads for concurrent clients.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from scripts.oas import example_of, json_schema_of, load_spec, operations_of, path_pattern, schema_validator

DEFAULT_API_KEY = "api_standin-demo-key"
SEED_USERS = ("smtp-user1", "smtp-user2", "smtp-user3")
FAULT_HEADER = "X-Standin-Fault"
# Asks for the documented response of a status by number: how tests reach a status the spec adds
# before the stand-in learns what provokes it.
STATUS_HEADER = "X-Standin-Status"
FAULTS = {
    "server-error": "a 500 (the documented one, when the spec documents it)",
    "unavailable": "503 with Retry-After: 1",
    "bad-gateway-html": "a proxy's HTML 502",
    "slow": "no reply until slow_seconds have passed (or the stand-in stops)",
    "drop": "the connection closes without a response",
    "drop-mid-body": "the connection closes halfway through the body",
    "undocumented-204": "a 204 with no body, where the spec documents another success",
    "unlisted-enum-value": "the documented success, each enum field holding a value its enum does not list",
}
# What unlisted-enum-value puts in a string enum field: a value JetEmail might add after the SDK was generated.
UNLISTED_ENUM_VALUE = "added-later"
ADMIN_PREFIX = "/_standin/"
MAX_BODY_BYTES = 1 << 20  # a request body larger than this is refused (400), never read into memory
MAX_TIMES = 1000  # the most requests one arm() may fault
_DIGITS = re.compile(r"[0-9]+")


class StandIn:
    """The stand-in server; `with StandIn() as server:` serves on a free loopback port until the block ends."""

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_API_KEY,
        users: Iterable[str] = SEED_USERS,
        fault: str | None = None,
        port: int = 0,
        slow_seconds: float = 30.0,
    ) -> None:
        if fault is not None and fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; one of {', '.join(FAULTS)}")
        self.spec = load_spec()
        self.api_key = api_key
        self.users = set(users)
        self.fault = fault
        self.slow_seconds = slow_seconds
        self.served: Counter[int] = Counter()  # responses sent, by status
        self.faults_fired: Counter[str] = Counter()
        self._armed: deque[str] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._routes = [
            (method, path, path_pattern(path), operation) for method, path, operation in operations_of(self.spec)
        ]
        self._validator: Callable[[dict[str, Any]], Any] = schema_validator(self.spec)
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def arm(self, fault: str, times: int = 1) -> None:
        """Answer the next `times` requests (1 to MAX_TIMES) with `fault`, then behave again."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; one of {', '.join(FAULTS)}")
        if not 1 <= times <= MAX_TIMES:
            raise ValueError(f"times must be 1 to {MAX_TIMES}")
        with self._lock:
            self._armed.extend([fault] * times)

    def start(self) -> StandIn:
        # A short poll interval: stop() returns within 50 ms instead of serve_forever's default 500 ms.
        serve = lambda: self._server.serve_forever(poll_interval=0.05)  # noqa: E731
        self._thread = threading.Thread(target=serve, name="standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # releases slow replies
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _next_fault(self, requested: str | None) -> str | None:
        with self._lock:
            fault = requested or (self._armed.popleft() if self._armed else None) or self.fault
            if fault:
                self.faults_fired[fault] += 1
            return fault

    def documented_body(self, operation: dict[str, Any], status: int) -> Any:
        """The spec's example body for `status`; for a status it does not document, a plain error body."""
        documented = operation["responses"].get(str(status))
        if documented is None:
            return {"success": False, "error": HTTPStatus(status).phrase}
        schema = json_schema_of(documented.get("content", {}))
        return example_of(schema) if schema is not None else None

    def success_with_unlisted_enum_values(self, operation: dict[str, Any]) -> tuple[int, Any]:
        """The first documented success, each string enum field of its body (at any depth of its properties)
        holding UNLISTED_ENUM_VALUE."""
        status = min(int(code) for code in operation["responses"] if code.isdigit() and code.startswith("2"))
        schema = json_schema_of(operation["responses"][str(status)].get("content", {}))

        def unlisted(schema: Any, value: Any) -> Any:
            if not isinstance(schema, dict):
                return value
            if "enum" in schema and all(isinstance(item, str) for item in schema["enum"] if item is not None):
                return UNLISTED_ENUM_VALUE
            properties = schema.get("properties", {})
            if isinstance(value, dict):
                return {key: unlisted(properties.get(key), item) for key, item in value.items()}
            return value

        return status, unlisted(schema, self.documented_body(operation, status))

    def check_response(self, operation: dict[str, Any], status: int, body: Any) -> None:
        """Every body the stand-in sends validates against the spec's schema for its status."""
        documented = operation["responses"].get(str(status))
        schema = json_schema_of(documented.get("content", {})) if documented else None
        if schema is not None:
            self._validator(schema).validate(body)


def _handler_for(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as JetEmail's servers
        server_version = "JetEmailStandIn/1"

        def handle_one_request(self) -> None:
            """As http.server's, except that every method (TRACE, PROPFIND, ...) reaches _dispatch and anything
            unforeseen is a JSON 500: the stand-in never answers with an HTML page or drops a connection."""
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                return self.send_error(414)
            if not self.raw_requestline:
                self.close_connection = True
                return None
            if not self.parse_request():  # it answered (send_error, below)
                return None
            try:
                self._dispatch()
                self.wfile.flush()
            except OSError:  # the client went away (it timed out on a slow reply): nobody to answer
                self.close_connection = True
            except Exception as error:  # a stand-in bug: say so, in JSON, and drop what the request left unread
                self.send_error(500, f"stand-in error: {type(error).__name__}")
            return None

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """Errors http.server itself finds (a bad request line, a header too long) and the stand-in's own
            request errors: JSON, and the connection closed, as its body may be left unread."""
            self.close_connection = True
            if self.request_version == "HTTP/0.9":  # a request line too broken to name a version: answer in 1.0
                self.request_version = "HTTP/1.0"
            self._send(code, {"success": False, "error": message or HTTPStatus(code).phrase}, {"Connection": "close"})

        def _body(self) -> bytes | None:
            """The request body; None when it was refused (chunked: 411; a bad or huge Content-Length: 400)."""
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                self.send_error(411, "chunked request bodies are not accepted: send Content-Length")
                return None
            length = self.headers.get("Content-Length", "0").strip()  # present but empty is as bad as "abc"
            if not _DIGITS.fullmatch(length):
                self.send_error(400, "Content-Length must be a non-negative integer")
                return None
            if int(length) > MAX_BODY_BYTES:
                self.send_error(400, f"the body is larger than {MAX_BODY_BYTES} bytes")
                return None
            return self.rfile.read(int(length))

        def _dispatch(self) -> None:
            url = urlsplit(self.path)
            body = self._body()
            if body is None:
                return None
            if url.path.startswith(ADMIN_PREFIX):
                return self._admin(url.path[len(ADMIN_PREFIX) :], parse_qs(url.query))
            route = self._route(url.path)
            if route is None:
                allowed = sorted({method for method, _, pattern, _ in standin._routes if pattern.match(url.path)})
                if allowed:
                    error = f"{self.command} is not an operation of {url.path}; it has {', '.join(allowed)}"
                    return self._send(405, {"success": False, "error": error}, {"Allow": ", ".join(allowed)})
                return self._send(404, {"success": False, "error": f"no operation {self.command} {url.path}"})
            key, operation = route
            requested = self.headers.get(FAULT_HEADER)
            if requested is not None and requested not in FAULTS:
                return self.send_error(400, f"unknown fault {requested!r}; one of {', '.join(FAULTS)}")
            fault = standin._next_fault(requested)
            if fault and self._fault(fault, operation):
                return None
            forced = self.headers.get(STATUS_HEADER, "")
            if forced in operation["responses"]:
                status, payload = int(forced), standin.documented_body(operation, int(forced))
            else:
                status, payload = self._answer(key, operation, body)
            standin.check_response(operation, status, payload)
            self._send(status, payload)
            return None

        def _route(self, path: str) -> tuple[str, dict[str, Any]] | None:
            """The operation's "METHOD /template" key and its spec entry."""
            for method, template, pattern, operation in standin._routes:
                if method == self.command and pattern.match(path):
                    return f"{method} {template}", operation
            return None

        def _answer(self, key: str, operation: dict[str, Any], raw: bytes) -> tuple[int, Any]:
            """Auth first, then the request body against its schema, then the operation itself."""
            scheme, _, credentials = (self.headers.get("Authorization") or "").strip().partition(" ")
            if scheme.lower() != "bearer" or credentials.strip() != standin.api_key:  # RFC 9110: any case
                return 401, standin.documented_body(operation, 401)
            request_body = operation.get("requestBody")
            payload: Any = None
            if request_body is not None:
                schema = json_schema_of(request_body.get("content", {}))
                content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
                if schema is None or content_type not in request_body["content"]:
                    return 400, {
                        "success": False,
                        "error": f"Content-Type must be one of {list(request_body['content'])}",
                    }
                try:
                    payload = json.loads(raw)
                    violation = next(iter(standin._validator(schema).iter_errors(payload)), None)
                except ValueError as error:
                    return 400, {"success": False, "error": f"Invalid input: {error}"}
                except RecursionError:
                    return 400, {"success": False, "error": "Invalid input: nested too deeply"}
                if violation is not None:
                    return 400, {"success": False, "error": f"Invalid input: {violation.message}"}
            if key == "DELETE /outbound/smarthost":  # the one operation with state
                return self._delete_smtp_user(operation, payload)
            success = min(int(code) for code in operation["responses"] if code.isdigit() and code.startswith("2"))
            return success, standin.documented_body(operation, success)

        def _delete_smtp_user(self, operation: dict[str, Any], payload: dict[str, Any]) -> tuple[int, Any]:
            username = payload.get("username")  # the schema requires it and allows "" (no user has that name: 404)
            with standin._lock:
                if username not in standin.users:
                    return 404, standin.documented_body(operation, 404)
                standin.users.remove(username)
            return 200, standin.documented_body(operation, 200)

        def _fault(self, fault: str, operation: dict[str, Any]) -> bool:
            """Play the fault; False when the request should then be answered normally (a slow reply)."""
            if fault == "server-error":
                self._send(500, standin.documented_body(operation, 500))
            elif fault == "unavailable":
                self._send(503, {"success": False, "error": "Service unavailable"}, {"Retry-After": "1"})
            elif fault == "bad-gateway-html":
                self._send(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", {"Content-Type": "text/html"})
            elif fault == "slow":
                standin._stopping.wait(standin.slow_seconds)
                return False
            elif fault == "drop":
                self.close_connection = True
            elif fault == "undocumented-204":
                self._send(204, None)
            elif fault == "unlisted-enum-value":
                self._send(*standin.success_with_unlisted_enum_values(operation))
            elif fault == "drop-mid-body":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.write(b'{"success": tr')
                self.close_connection = True
            return True

        def _admin(self, action: str, query: dict[str, list[str]]) -> None:
            if action == "faults" and self.command == "POST":
                times = query.get("times", ["1"])[0]
                try:
                    standin.arm(query.get("name", [""])[0], int(times) if _DIGITS.fullmatch(times) else 0)
                except ValueError as error:
                    return self.send_error(400, str(error))
                return self._send(204, None)
            if action == "stats" and self.command == "GET":
                stats = {"served": dict(standin.served), "faults": dict(standin.faults_fired)}
                return self._send(200, {**stats, "users": sorted(standin.users)})
            return self._send(404, {"success": False, "error": f"no admin action {action}"})

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            content = body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            with standin._lock:
                standin.served[status] += 1
            all_headers = {"Content-Type": "application/json", **(headers or {}), "Content-Length": str(len(content))}
            for name, value in all_headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(content)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the demo and the tests print what matters

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.standin", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY)
    parser.add_argument("--fault", choices=sorted(FAULTS), help="answer every request with this fault")
    args = parser.parse_args(argv)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    with StandIn(api_key=args.api_key, port=args.port, fault=args.fault) as standin:
        print(f"JetEmail stand-in listening on {standin.url}; Ctrl-C stops it", flush=True)
        stop.wait()
    print("JetEmail stand-in stopped", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
