"""DAP messages on a byte stream: ``Content-Length: N\\r\\n\\r\\n`` then N bytes of JSON."""
from __future__ import annotations

import json
import threading


class Channel:
    """Reads and writes DAP messages; writes are safe from any thread."""

    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer
        self._lock = threading.Lock()
        self._seq = 0

    def read(self) -> dict | None:
        """The next message, or None at the end of the stream."""
        length = None
        while True:
            line = self._reader.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii", "replace").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        if length is None:
            return None
        body = self._reader.read(length)
        return json.loads(body.decode("utf-8")) if len(body) == length else None

    def send(self, message: dict) -> None:
        with self._lock:
            self._seq += 1
            message["seq"] = self._seq
            body = json.dumps(message).encode("utf-8")
            try:
                self._writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self._writer.flush()
            except (OSError, ValueError):     # the client went away
                pass

    def event(self, name: str, body: dict | None = None) -> None:
        self.send({"type": "event", "event": name, "body": body or {}})

    def respond(self, request: dict, body: dict | None = None, error: str | None = None) -> None:
        message = {"type": "response", "request_seq": request.get("seq", 0), "command": request.get("command"),
                   "success": error is None, "body": body or {}}
        if error is not None:
            message["message"] = error
        self.send(message)
