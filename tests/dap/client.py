"""A DAP client for the tests: JSON messages with Content-Length headers,
over a subprocess's stdio or a loopback socket, every wait bounded."""
import json
import queue
import socket
import subprocess
import sys
import threading
import time

TIMEOUT = 20
FOURD = [sys.executable, "-c", "from fourd.cli import main; main(prog_name='fourd')"]


class Client:
    def __init__(self, reader, writer):
        self._reader, self._writer = reader, writer
        self._seq = 0
        self.events: queue.Queue = queue.Queue()
        self._responses: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    @classmethod
    def over_stdio(cls, cwd=None):
        process = subprocess.Popen(FOURD + ["dap"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        client = cls(process.stdout, process.stdin)
        client.process = process
        return client

    @classmethod
    def over_socket(cls):
        process = subprocess.Popen(FOURD + ["dap", "--listen", "0"], stdout=subprocess.PIPE, text=True)
        line = process.stdout.readline()
        port = int(line.rsplit(":", 1)[1])
        connection = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        client = cls(connection.makefile("rb"), connection.makefile("wb"))
        client.process, client.connection = process, connection
        return client

    def _read(self):
        while True:
            headers = {}
            while True:
                line = self._reader.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode().partition(":")
                headers[name.lower()] = value.strip()
            message = json.loads(self._reader.read(int(headers["content-length"])))
            if message["type"] == "event":
                if message["event"] == "output":
                    self.output.append(message["body"]["output"])
                self.events.put(message)
            else:
                with self._arrived:
                    self._responses[message["request_seq"]] = message
                    self._arrived.notify_all()

    def request(self, command, **arguments):
        """Send a request; its response (asserting success)."""
        response = self.send(command, **arguments)
        assert response["success"], response
        return response.get("body", {})

    def send(self, command, **arguments):
        self._seq += 1
        seq = self._seq
        body = json.dumps({"seq": seq, "type": "request", "command": command, "arguments": arguments}).encode()
        self._writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._writer.flush()
        deadline = time.monotonic() + TIMEOUT
        with self._arrived:
            while seq not in self._responses:
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"no response to {command}"
                self._arrived.wait(remaining)
            return self._responses.pop(seq)

    def wait_for(self, event):
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if message["event"] == event:
                return message["body"]

    def close(self):
        try:
            self.process.wait(TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
