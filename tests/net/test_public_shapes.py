"""Shapes of public 4D TCP projects, rewritten in our own words and run
through ``fourd run`` on loopback.

Three public projects were run unchanged under fourd (see the report of the
"4D TCP runtime on real sockets" issue); each test here reproduces what
their code relies on, with our own classes:

* a listener class defaulting its port with a ternary and returning
  a new handler object (``cs.Receiver.new($listener)``) from ``onConnection``, started in a worker
  that a method starts by calling itself with ``CALL WORKER`` unless
  ``Process activity`` shows it running; a header protocol in JSON
  (``Try(JSON Parse(…))``, ``Try(CONVERT FROM TEXT(…))``) and a 4D.Blob
  grown with ``COPY BLOB`` (API/TCPListenerClass.md, API/TCPConnectionClass.md);
* one options object shared by every connection of a listener, the listener
  kept in ``Storage`` by its worker and terminated there, its ``onTerminate``
  ending the worker with ``KILL WORKER`` (kill-worker.md, storage.md); a 4D
  client whose ``connect()`` is a ternary creating the connection only once,
  sending ``TEXT TO BLOB`` texts in the default format (Mac C string,
  text-to-blob.md): the trailing NUL is ignorable when the server compares
  texts (dt_string.md, position.md).

Ports are chosen at run time; every wait is bounded.
"""
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tcp_helpers import TIMEOUT, free_port, run_project

from fourd.runtime.operators import eq, ne

REPO = Path(__file__).resolve().parents[2]


def write_project(root: Path, classes: dict, methods: dict) -> Path:
    sources = root / "Project" / "Sources"
    for folder, codes in (("Classes", classes), ("Methods", methods)):
        (sources / folder).mkdir(parents=True, exist_ok=True)
        for name, code in codes.items():
            (sources / folder / f"{name}.4dm").write_text(code, encoding="utf-8")
    return root


# --- a listener class, its handler per connection, a worker started by a method ---------

FRAMING = """\
// Headers are JSON texts; what is not JSON is data.
Class constructor

Function decode($data : 4D.Blob) : Object
	return Try(JSON Parse(Convert to text($data; "utf-8"); Is object))

Function encode($header : Object) : 4D.Blob
	var $blob : Blob
	Try(CONVERT FROM TEXT(JSON Stringify($header); "utf-8"; $blob))
	return $blob
"""

GATE = """\
property port : Integer
property listener : 4D.TCPListener

Class constructor($port : Integer)
	This.port:=$port=0 ? 7 : $port
	This.listener:=4D.TCPListener.new(This.port; This)

Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : cs.Receiver
	return cs.Receiver.new($listener)
"""

RECEIVER = """\
Class extends Framing

property listener : 4D.TCPListener
property expected : Integer
property received : 4D.Blob

Class constructor($listener : 4D.TCPListener)
	Super()
	This.listener:=$listener
	This.reset()

Function reset()
	This.expected:=0
	This.received:=4D.Blob.new()

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	var $chunk : 4D.Blob:=$event.data
	If (This.expected=0)
		var $header : Object:=This.decode($chunk)
		Case of
			: ($header=Null) || ($header.size=Null) || ($header.size<=0)
			Else
				This.expected:=$header.size
				$connection.send(This.encode({reply: ["send"; $header.size; "bytes"].join(" ")}))
		End case
		return
	End if
	var $all : Blob:=This.received
	COPY BLOB($chunk; $all; 0; This.received.size; $chunk.size)
	This.received:=$all
	If (This.received.size=This.expected)
		$connection.send(This.encode({reply: "got "+String(BLOB size($all)); done: True}))
		This.reset()
	End if
"""

SERVE = """\
// Runs the listener class in the worker named $name: called elsewhere, it calls itself there.
#DECLARE($class : 4D.Class; $name : Text; $port : Integer)
If ($name=Current process name)
	var $gate : Object:=$class.new($port)
	ALERT("listening on "+String($gate.listener.port)+" in "+Current process name)
Else
	var $running : Collection
	$running:=Process activity(Processes only).processes.query("name == :1 and type == :2"; $name; Worker process)
	If ($running.length=0)
		CALL WORKER($name; Current method name; $class; $name; $port)
	End if
End if
"""

START = """\
#DECLARE($port : Text)
serve(cs.Gate; "gate"; Num($port))
serve(cs.Gate; "gate"; Num($port))  // running already: nothing more
"""


@pytest.fixture
def gate(tmp_path):
    """Start the gate worker on a free port; yield (process, port); stop it with SIGTERM."""
    root = write_project(tmp_path, {"Framing": FRAMING, "Gate": GATE, "Receiver": RECEIVER},
                         {"serve": SERVE, "start": START})
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "fourd", "run", str(root), "--method", "start", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()


def connect_when_listening(port: int) -> socket.socket:
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_listener_class_in_a_worker_receives_a_header_then_data_in_pieces(gate):
    proc, port = gate
    size = 3 * 1024 * 1024 + 17
    with connect_when_listening(port) as sock:
        sock.sendall(b'{"size":%d}' % size)
        assert sock.recv(4096) == b'{"reply":"send %d bytes"}' % size
        sock.sendall(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        assert sock.recv(4096) == b'{"reply":"got %d","done":true}' % size
        sock.sendall(b'{"size":2}')             # the handler is ready for the next transfer
        assert sock.recv(4096) == b'{"reply":"send 2 bytes"}'
        sock.sendall(b"ok")
        assert sock.recv(4096) == b'{"reply":"got 2","done":true}'
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert out == f"listening on {port} in gate\n"     # one worker, started once
    assert proc.returncode == 143, err


def test_ternary_port_default_reads_left_to_right(tmp_path):
    """``$port=0 ? 7 : $port`` is ``($port=0) ? 7 : $port`` (operators.md,
    "Ternary operator"; comparisons evaluated left to right)."""
    script = tmp_path / "ports.4dm"
    script.write_text("""\
var $port : Integer
For each ($port; [0; 8080])
	ALERT(String($port=0 ? 7 : $port))
End for each
$port:=8080
ALERT(String($port+1=8081 ? "left to right" : "other"))
""", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(script)],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["7", "8080", "left to right"]


# --- shared options, Storage, KILL WORKER; a 4D client sending C strings ---------------

DEVICE = """\
// The options of every connection of the listener it creates: one state for all.
property listener : 4D.TCPListener
property noDelay : Boolean

Class constructor($port : Integer)
	This.noDelay:=False
	var $acceptor : cs.Acceptor:=cs.Acceptor.new(This)
	This.listener:=4D.TCPListener.new($port; $acceptor)

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
"""

ACCEPTOR = """\
property device : Object

Class constructor($device : cs.Device)
	This.device:=$device

Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : Object
	ALERT("accepted")
	return This.device

Function onTerminate($listener : 4D.TCPListener; $event : 4D.TCPEvent)
	ALERT(Current process name+" stopped")
	KILL WORKER
"""

COUNTER = """\
property count : Integer

Class extends Device

Class constructor($port : Integer)
	Super($port)
	This.count:=0

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	var $data : 4D.Blob:=$event.data
	$text:=BLOB to text($data; UTF8 text without length)
	If ($text="count")
		This.count+=1
		CONVERT FROM TEXT("count is "+String(This.count); "utf-8"; $data)
		$connection.send($data)
	End if
"""

WIRE = """\
Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent) : Text
	return Convert to text($event.data; "utf-8")
"""

PROBE = """\
Class extends Wire

property connection : 4D.TCPConnection
property port : Integer
property replies : Collection

Class constructor($port : Integer)
	This.connection:=Null
	This.port:=$port
	This.replies:=[]

Function connect()
	This.connection:=This.connection=Null ? 4D.TCPConnection.new("localhost"; This.port; This) : This.connection

Function ask()
	var $blob : Blob
	TEXT TO BLOB("count"; $blob)
	This.connection.send($blob)

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	This.replies.push(Super.onData($connection; $event))
"""

START_COUNTER = """\
#DECLARE($port : Integer)
var $device : cs.Device:=cs.Counter.new($port)
Use (Storage)
	Storage[Current method name]:=$device.listener
End use
"""

STOP_HERE = """\
var $name : Text:=Current process name
If (Storage[$name]#Null)
	Storage[$name].terminate()
	Use (Storage)
		OB REMOVE(Storage; $name)
	End use
End if
"""

AWAIT_REPLIES = """\
#DECLARE($probe : cs.Probe; $count : Integer)
var $tries : Integer
While ($probe.replies.length<$count) & ($tries<200)
	$probe.connection.wait(0.025)
	$tries+=1
End while
"""

COUNTER_MAIN = """\
CALL WORKER("startCounter"; "startCounter"; 0)
var $tries : Integer
While (Storage.startCounter=Null) & ($tries<300)
	DELAY PROCESS(Current process; 1)
	$tries+=1
End while
var $probe : cs.Probe:=cs.Probe.new(Storage.startCounter.port)
$probe.connect()
$probe.connect()
$probe.ask()
awaitReplies($probe; 1)
$probe.ask()
awaitReplies($probe; 2)
ALERT($probe.replies.join(" / "))
$probe.connection.shutdown()
$probe.connection.wait(5)
CALL WORKER("startCounter"; Formula(stopHere))
"""


def test_shared_options_storage_kill_worker_and_a_c_string_client(tmp_path):
    """The worker's listener ends from its own process; KILL WORKER in its
    onTerminate ends the worker, and with it the program (status 0)."""
    result = run_project(tmp_path, COUNTER_MAIN,
                         classes={"Device": DEVICE, "Acceptor": ACCEPTOR, "Counter": COUNTER,
                                  "Wire": WIRE, "Probe": PROBE},
                         methods={"startCounter": START_COUNTER, "stopHere": STOP_HERE,
                                  "awaitReplies": AWAIT_REPLIES})
    assert result.returncode == 0, result.stderr
    # connect() twice made one connection; its state spans both questions.
    assert result.stdout.splitlines() == ["accepted", "count is 1 / count is 2", "startCounter stopped"]


# --- the text comparison the C-string client relies on ------------------------------

@pytest.mark.parametrize("left, right", [
    ("count\x00", "count"),          # TEXT TO BLOB's default Mac C string, read back whole
    ("a\x01b\x1f", "AB"),            # every ignorable C0 control, with case ignored
    ("\x00é\x08", "E"),              # outside ASCII too
])
def test_ignorable_controls_do_not_count_in_comparisons(left, right):
    """4D compares texts with ICU (dt_string.md), which ignores the C0 controls
    but tab, LF, VT, FF and CR (position.md)."""
    assert eq(left, right) and eq(right, left) and not ne(left, right)


@pytest.mark.parametrize("left, right", [("a\tb", "ab"), ("a\nb", "ab"), ("a\rb", "ab")])
def test_printable_controls_count_in_comparisons(left, right):
    assert not eq(left, right)


def test_wildcards_skip_ignorable_controls_too():
    assert eq("count\x00", "co@") and eq("\x00count", "@unt")


# --- shapes that needed fixes in fourd -----

def test_method_name_beginning_with_a_digit(tmp_path):
    result = run_project(tmp_path, "4D_Server(2)\nALERT(String(Formula(4D_Server).call(Null; 3)))\n",
                         methods={"4D_Server": "#DECLARE($n : Integer) : Integer\nreturn $n*2\n"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "6\n"


def test_for_each_over_a_tcp_object_lists_its_properties(tmp_path):
    main = """\
var $listener : 4D.TCPListener:=4D.TCPListener.new(0; {})
$listener.terminate()  // first: an error below must not leave it listening
var $copy : Object:={}
var $name : Text
For each ($name; $listener)
	$copy[$name]:=$listener[$name]
End for each
ALERT(JSON Stringify(OB Keys($copy))+" "+String($copy.port=$listener.port))
"""
    result = run_project(tmp_path, main)
    assert result.returncode == 0, result.stderr
    assert result.stdout == '["port","errors"] True\n'
