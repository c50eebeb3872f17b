"""A 4D server written in 4D for the network fault tests and the soak, and
the Python side of its protocol.

The server (``serve`` method, classes ``FaultServer`` and ``FaultConnection``)
listens on a free port and announces it (``listening on port N``). Each
client starts with one command line, answered before anything else:

``ECHO``        ``OK``; then every byte comes back.
``THROW``       ``OK``; echoes, but ``onData``, ``onShutdown`` and
                ``onTerminate`` each end with a 4D error.
``BULK n``      ``OK``; then n times the same 1 MB 4D.Blob, then ``shutdown()``.
``STREAM n``    ``OK``; then n different 1 MB blobs, then ``shutdown()``.
``OPEN``        ``port N``: a second listener (echo only) now listens on N.
``CLOSE``       ``closed``: that second listener is terminated.

A second listener whose ``onConnection`` always fails is announced as
``faulty port N``. The 1 MB block is :data:`PATTERN` repeated; a
``STREAM`` blob has its first byte set to its number modulo 256.
"""
from __future__ import annotations

import hashlib
import socket
import struct
import threading

from fourd_process import FourDProject

PATTERN = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
MB = 1 << 20
TIMEOUT = 20.0

SERVE = """
// fourd run PROJECT --method serve
var $server : cs.FaultServer:=cs.FaultServer.new()
ALERT("listening on port "+String($server.listener.port))
ALERT("faulty port "+String($server.faulty.port))
"""

FAULT_SERVER = """
property listener; faulty; extra : 4D.TCPListener
property chunk : 4D.Blob

Class constructor()
	This.chunk:=This.pattern(1024*1024)
	This.listener:=4D.TCPListener.new(0; This)
	This.faulty:=4D.TCPListener.new(0; {onConnection: Formula(1\\0)})

Function pattern($size : Integer) : 4D.Blob
	var $t : Text:="0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	While (Length($t)<$size)
		$t:=$t+$t
	End while
	var $b : Blob
	TEXT TO BLOB(Substring($t; 1; $size); $b; UTF8 text without length)
	return 4D.Blob.new($b)

Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : Object
	return cs.FaultConnection.new(This; "")

Function onError($listener : 4D.TCPListener; $event : 4D.TCPEvent)
	ALERT("listener error: "+JSON Stringify($listener.errors))

Function openExtra() : Integer
	This.extra:=4D.TCPListener.new(0; {onConnection: Formula(cs.FaultConnection.new(Null; "ECHO"))})
	return This.extra.port
"""

FAULT_CONNECTION = """
property server : cs.FaultServer
property mode; header : Text

Class constructor($server : cs.FaultServer; $mode : Text)
	This.server:=$server
	This.mode:=$mode
	This.header:=""

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	Case of
		: (This.mode="ECHO")
			$connection.send($event.data)
		: (This.mode="THROW")
			$connection.send($event.data)
			throw(1; "onData fails on purpose")
		Else
			// A command line may arrive in pieces.
			This.header:=This.header+BLOB to text($event.data; UTF8 text without length)
			var $end : Integer:=Position("\\n"; This.header)
			If ($end>0)
				var $line : Text:=Substring(This.header; 1; $end-1)
				This.header:=Substring(This.header; $end+1)
				This.command(Split string($line; " "); $connection)
			End if
	End case

Function command($words : Collection; $connection : 4D.TCPConnection)
	var $i : Integer
	var $b : Blob
	This.mode:=$words[0]
	Case of
		: (This.mode="BULK")
			This.reply($connection; "OK")
			For ($i; 1; Num($words[1]))
				$connection.send(This.server.chunk)
			End for
			$connection.shutdown()
		: (This.mode="STREAM")
			This.reply($connection; "OK")
			$b:=This.server.chunk
			For ($i; 1; Num($words[1]))
				$b{0}:=$i%256
				$connection.send($b)
			End for
			$connection.shutdown()
		: (This.mode="OPEN")
			This.reply($connection; "port "+String(This.server.openExtra()))
		: (This.mode="CLOSE")
			This.server.extra.terminate()
			This.reply($connection; "closed")
		Else
			This.reply($connection; "OK")
	End case

Function reply($connection : 4D.TCPConnection; $line : Text)
	var $b : Blob
	TEXT TO BLOB($line+"\\n"; $b; UTF8 text without length)
	$connection.send($b)

Function onShutdown($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	If (This.mode="THROW")
		throw(2; "onShutdown fails on purpose")
	End if

Function onTerminate($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	If (This.mode="THROW")
		throw(3; "onTerminate fails on purpose")
	End if
"""


def write(project: FourDProject) -> None:
    project.method("serve", SERVE)
    project.cls("FaultServer", FAULT_SERVER)
    project.cls("FaultConnection", FAULT_CONNECTION)


def faulty_port(server) -> int:
    return int(server.wait_for(r"faulty port (\d+)").group(1))


# ------------------------------------------------------------- Python side

def block() -> bytes:
    """The 1 MB block of BULK and STREAM."""
    return (PATTERN * (MB // len(PATTERN) + 1))[:MB]


def bulk_digest(megabytes: int) -> str:
    digest = hashlib.sha256()
    chunk = block()
    for _ in range(megabytes):
        digest.update(chunk)
    return digest.hexdigest()


def stream_digest(megabytes: int) -> str:
    digest = hashlib.sha256()
    chunk = bytearray(block())
    for number in range(1, megabytes + 1):
        chunk[0] = number % 256
        digest.update(chunk)
    return digest.hexdigest()


def ask(port: int, command: str, host: str = "127.0.0.1") -> tuple[socket.socket, str]:
    """A connection that sent *command*, and the line the server answered."""
    sock = socket.create_connection((host, port), timeout=TIMEOUT)
    sock.sendall(command.encode() + b"\n")
    answer = b""
    while not answer.endswith(b"\n"):
        piece = sock.recv(1)
        if not piece:
            sock.close()
            raise ConnectionError(f"the server closed before answering {command!r}")
        answer += piece
    return sock, answer.decode().strip()


def open_client(port: int, command: str, host: str = "127.0.0.1") -> socket.socket:
    """A connection whose *command* (ECHO, BULK n…) the server accepted."""
    sock, answer = ask(port, command, host)
    if answer != "OK":
        sock.close()
        raise ConnectionError(f"{command!r} answered {answer!r}")
    return sock


def read_digest(sock: socket.socket, head: bytes = b"") -> tuple[int, str]:
    """(bytes, SHA-256) of *head* (read before) and what arrives until the server closes."""
    digest = hashlib.sha256(head)
    count = len(head)
    while chunk := sock.recv(1 << 18):
        digest.update(chunk)
        count += len(chunk)
    return count, digest.hexdigest()


def echo_check(port: int, payload: bytes, host: str = "127.0.0.1", pieces: int = 64) -> bool:
    """Echo *payload* (sent in *pieces*) over a new ECHO connection, half-close,
    and check that the same bytes came back in order before the server closed."""
    with open_client(port, "ECHO", host) as sock:
        sender = threading.Thread(target=send_in_pieces, args=(sock, payload, pieces), daemon=True)
        sender.start()
        count, digest = read_digest(sock)
        sender.join(TIMEOUT)
    return (count, digest) == (len(payload), hashlib.sha256(payload).hexdigest())


def send_in_pieces(sock: socket.socket, payload: bytes, pieces: int, then_shutdown: bool = True) -> None:
    step = max(1, len(payload) // pieces)
    view = memoryview(payload)
    for start in range(0, len(payload), step):
        sock.sendall(view[start:start + step])
    if then_shutdown:
        sock.shutdown(socket.SHUT_WR)


def reset(sock: socket.socket) -> None:
    """Close with an RST rather than a FIN (SO_LINGER 0)."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
