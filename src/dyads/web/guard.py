"""The safety layer in front of every route: headers, body size and rate limits.

A plain ASGI middleware, so it also covers static files and error responses:

* a strict Content-Security-Policy (scripts, styles and everything else from
  this origin only, no inline code, no framing), nosniff, no referrer;
* request bodies above ``max_body`` bytes are refused with 413 before any route
  reads them (a chunked body is counted as it arrives);
* each client (by address) gets a token bucket of ``burst`` requests refilled
  at ``rate`` per second; an empty bucket is a 429 with Retry-After.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Errors
from .problems import body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


@dataclass(slots=True)
class Limits:
    """Request limits; change them on ``app.state.limits``."""

    rate: float = 50.0
    burst: int = 200
    max_body: int = 1_000_000


@dataclass(slots=True)
class Buckets:
    """Per-client token buckets (in memory, one process)."""

    tokens: dict[str, tuple[float, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, client: str, limits: Limits) -> bool:
        now = time.monotonic()
        with self.lock:
            level, seen = self.tokens.get(client, (float(limits.burst), now))
            level = min(float(limits.burst), level + (now - seen) * limits.rate)
            if level < 1.0:
                self.tokens[client] = (level, now)
                return False
            self.tokens[client] = (level - 1.0, now)
            if len(self.tokens) > 10_000:  # forget idle clients
                self.tokens = {k: v for k, v in self.tokens.items() if now - v[1] < 60}
            return True


class Guard:
    def __init__(self, app: Callable[..., Awaitable[None]], limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.buckets = Buckets()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        client = (scope.get("client") or ("unknown", 0))[0]
        if not self.buckets.take(client, self.limits):
            rate = f"{self.limits.rate:g}"
            message = Errors.E805.format(client=client, rate=rate)
            await _reply(send_secure, 429, message, [(b"retry-after", b"1")])
            return
        size = _declared_size(scope)
        if size is not None and size > self.limits.max_body:
            message = Errors.E804.format(size=size, limit=self.limits.max_body)
            await _reply(send_secure, 413, message)
            return
        if scope["method"] in ("POST", "PUT", "PATCH"):
            chunks: list[bytes] = []
            total = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                total += len(chunk)
                if total > self.limits.max_body:
                    text = Errors.E804.format(size=total, limit=self.limits.max_body)
                    await _reply(send_secure, 413, text)
                    return
                chunks.append(chunk)
                more = message.get("more_body", False)
            receive = _replay(b"".join(chunks))
        await self.app(scope, receive, send_secure)


def _declared_size(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(data: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": data, "more_body": False}

    return receive


async def _reply(
    send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = json.dumps(body(message, status)).encode()
    start_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        *(headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": payload})
