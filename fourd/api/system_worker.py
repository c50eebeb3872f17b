"""``4D.SystemWorker``: an external program run asynchronously (API/SystemWorkerClass.md).

The program is started by ``new()`` itself (so ``.pid`` is known at once and
a program that cannot start is an error of ``new()``, which then returns
Null, as the doc says); its pipes are then served by the event loop of the
4D process that created the worker (``runtime.scheduler``), like the TCP
classes: callbacks run when that process is idle or inside ``wait()``, never
during its other 4D code. Each callback receives ``(worker, event)`` with
``This`` = the options object, in the documented order::

    onData* / onDataError*  ->  onError (an error happened) | onResponse  ->  onTerminate

The worker ends once the program has exited *and* both of its output pipes
are closed (a program that leaves a child holding them open keeps the worker
alive until that child ends too, as a shell pipeline would). The process
keeps the worker alive until onTerminate ran, so ``fourd run`` waits for it.
Posting never blocks 4D code: data waits in the pipe's transport until the
program reads it. The exit of the program is watched by one small thread
per worker (``Popen.wait``), portable to every OS and event loop.

Choices where the doc is silent:

* ``variables`` are added to the environment fourd inherited (the doc:
  "if not defined, the worker inherits from the 4D environment"); values
  are converted as ``String`` converts them.
* Text posted with ``postMessage`` is encoded with the worker's
  ``encoding``; ``onDataError`` gets its data with the worker's
  ``dataType``; ``responseError`` is always Text.
* ``terminated`` is True once the program has exited, even before the
  process has served the end of the worker (so a loop polling it ends).
* ``timeout``: the program is killed when it runs longer; that is an
  execution error (``.errors``, ``onError``). ``terminate()`` kills it too,
  without error. A program killed by a signal has no ``exitCode``
  (Undefined: "did not terminate normally").
* Errors are reported with the system's error number as ``errorCode`` and
  :data:`COMPONENT` as ``componentSignature``: 4D documents neither.
"""
from __future__ import annotations

import asyncio
import codecs
import errno
import math
import os
import shlex
import shutil
import signal
import subprocess
import threading

from ..runtime.errors import incompatible
from .charsets import charset_codec
from ..runtime import scheduler
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject, find_callable
from ..runtime.conversions import coerce
from ..runtime.errors import fail
from ..runtime.members import member_function, member_property, member_setter
from ..runtime.values import UNDEFINED, Blob4D, Coll, Obj, is_number
from .blob import blob_bytes

__all__ = ["SystemWorker", "new_system_worker", "parse_command_line", "prepare_launch", "start_program",
           "kill_program"]

COMPONENT = "SystemWorker"

# Event types (SystemWorkerClass.md, "All callback functions receive two object parameters").
DATA = "data"
ERROR = "error"
RESPONSE = "response"
TERMINATION = "termination"


# ------------------------------------------------------- starting programs

def parse_command_line(command_line: str) -> list[str]:
    """The program and its arguments in *command_line*, split without a shell.

    On macOS and Linux the line is split as a POSIX shell splits words, and
    nothing else a shell does happens (no variables, globbing, pipes,
    redirections, ``;``): words are separated by blanks; ``"..."`` groups
    words into one argument (inside it ``\\"`` and ``\\\\`` stand for ``"``
    and ``\\``), as the doc's examples quote paths that contain spaces;
    ``'...'`` groups literally; outside quotes ``\\`` makes the next character
    literal (``my\\ file``). An unbalanced quote is an error (ValueError).
    On Windows the line is kept whole and given to the system, which splits it
    its own way (CreateProcess), as 4D does there.
    """
    if os.name == "nt":
        return [command_line] if command_line.strip() else []
    return shlex.split(command_line, comments=False, posix=True)


def _program_path(program: str, environment: dict | None) -> str | None:
    """*program* resolved like ``execvp`` would: a path as is, a bare name through PATH."""
    if os.sep in program or (os.altsep and os.altsep in program):
        return program if os.path.isfile(program) and os.access(program, os.X_OK) else None
    path = (environment or os.environ).get("PATH", os.defpath)
    return shutil.which(program, path=path)


class LaunchError(Exception):
    """A program that cannot be started: (system error number, message)."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def prepare_launch(command_line: str, directory: str | None, environment: dict | None) -> list[str]:
    """The argument vector to start *command_line* in *directory* with
    *environment*; raises :class:`LaunchError` when it cannot be started."""
    try:
        argv = parse_command_line(command_line)
    except ValueError as exc:
        raise LaunchError(errno.EINVAL, f"Invalid command line {command_line!r}: {exc}") from None
    if not argv:
        raise LaunchError(errno.EINVAL, "The command line is empty")
    if directory is not None and not os.path.isdir(directory):
        raise LaunchError(errno.ENOENT, f"The current directory {directory!r} does not exist")
    if os.name != "nt":
        found = _program_path(argv[0], environment)
        if found is None:
            raise LaunchError(errno.ENOENT, f"Cannot launch {argv[0]!r}: no such executable program")
    return argv


def start_program(argv, directory, environment, *, stdin, stdout, stderr) -> subprocess.Popen:
    """Start *argv* (no shell); raises :class:`LaunchError` when the system refuses.

    On POSIX the program leads a process group of its own, so that
    :func:`kill_program` also ends the children it started (a script's
    commands), which would otherwise keep its output pipes open."""
    try:
        return subprocess.Popen(argv if os.name != "nt" else argv[0], stdin=stdin, stdout=stdout,
                                stderr=stderr, cwd=directory, env=environment,
                                start_new_session=os.name != "nt")
    except OSError as exc:
        code = exc.errno or errno.EIO
        raise LaunchError(code, f"Cannot launch {argv[0]!r}: {exc.strerror or exc}") from None


def kill_program(popen: subprocess.Popen) -> None:
    """Kill the program and its process group (see :func:`start_program`)."""
    try:
        if os.name == "nt":
            popen.kill()
        else:
            os.killpg(popen.pid, signal.SIGKILL)
    except OSError:     # already gone
        pass


def directory_path(value) -> str | None:
    """A current directory given as a text path or a folder object (anything
    with ``__fspath__``, such as a 4D.Folder); None if not given."""
    if value is UNDEFINED or value is None or value == "":
        return None
    if hasattr(value, "__fspath__"):
        return os.fspath(value)
    if type(value) is str:
        return value
    raise LaunchError(errno.EINVAL, "currentDirectory must be a folder or a text path")


def environment_with(variables: dict) -> dict | None:
    """The inherited environment plus *variables*; None if none.

    Values "are converted into strings when possible" (SystemWorkerClass.md):
    texts as they are, Booleans as ``True``/``False``, numbers as ``String``
    writes them in the default format (whole numbers without decimals);
    other values are left out."""
    if not variables:
        return None
    environment = dict(os.environ)
    for name, value in variables.items():
        text = _environment_text(value)
        if text is not None:
            environment[str(name)] = text
    return environment


def _environment_text(value) -> str | None:
    if type(value) is str:
        return value
    if type(value) is bool:
        return "True" if value else "False"
    if is_number(value) and math.isfinite(value):
        return str(int(value)) if value == int(value) else repr(float(value))
    return None


# ----------------------------------------------------------------- pipes

class _Output(asyncio.Protocol):
    """The read end of the program's stdout or stderr."""

    def __init__(self, worker: "SystemWorker", is_error: bool):
        self.worker = worker
        self.is_error = is_error

    def data_received(self, data: bytes) -> None:
        self.worker._received(data, self.is_error)

    def connection_lost(self, exc) -> None:
        self.worker._pipe_closed()


class _Input(asyncio.Protocol):
    """The write end of the program's stdin."""

    def __init__(self, worker: "SystemWorker"):
        self.worker = worker

    def connection_lost(self, exc) -> None:
        # The program closed its stdin (or exited): what is still posted is dropped.
        self.worker._stdin = None
        self.worker._input_closed = True


# ---------------------------------------------------------------- worker

class SystemWorker(NativeObject):
    """A running (or finished) external program."""

    FOURD_CLASS = "SystemWorker"
    __slots__ = ("command_line", "data_type", "encoding", "timeout", "hide_window",
                 "current_directory", "_codec", "_rt", "_loop", "_popen", "_callbacks",
                 "_out", "_err", "_decoders", "_stdin", "_pending", "_input_closed", "_open_pipes",
                 "_return_code", "_errors", "_finished", "_done", "_timer")

    def __init__(self, rt, command_line: str, options):
        self._rt = rt
        self._loop = rt.loop
        self.command_line = command_line
        self.data_type = "text"
        self.encoding = "UTF-8"
        self._codec = "utf-8"
        self.timeout = UNDEFINED
        self.hide_window = True
        self.current_directory = UNDEFINED
        self._callbacks = {name: find_callable(options, name)
                           for name in ("onData", "onDataError", "onResponse", "onError", "onTerminate")}
        self._popen: subprocess.Popen | None = None
        self._out: list[bytes] = []
        self._err: list[bytes] = []
        self._decoders: dict[bool, codecs.IncrementalDecoder] = {}
        self._stdin: asyncio.WriteTransport | None = None
        self._pending: list[bytes] | None = []    # posted before stdin was connected
        self._input_closed = False
        self._open_pipes = 2
        self._return_code: int | None = None
        self._errors = Coll()
        self._finished = False
        self._done: asyncio.Future | None = None
        self._timer: asyncio.TimerHandle | None = None

    def __repr__(self) -> str:
        return f"<4D.SystemWorker {self.command_line!r}{' terminated' if self._finished else ''}>"

    # -- starting

    def _start(self, argv, directory, environment) -> None:
        self._popen = start_program(argv, directory, environment, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        threading.Thread(target=self._watch_exit, name=f"SystemWorker {self._popen.pid}",
                         daemon=True).start()
        self._loop.create_task(self._connect())
        if self.timeout is not UNDEFINED:
            self._timer = self._loop.call_later(self.timeout, self._time_out)

    async def _connect(self) -> None:
        """Hand the pipes to the loop (it only registers them: no 4D code runs here)."""
        popen, loop = self._popen, self._loop
        await loop.connect_read_pipe(lambda: _Output(self, False), popen.stdout)
        await loop.connect_read_pipe(lambda: _Output(self, True), popen.stderr)
        transport, _ = await loop.connect_write_pipe(lambda: _Input(self), popen.stdin)
        if self._return_code is not None:   # it has exited meanwhile: nobody reads
            transport.abort()
            return
        self._stdin = transport
        for payload in self._pending:
            transport.write(payload)
        self._pending = None
        if self._input_closed:
            transport.close()

    def _watch_exit(self) -> None:
        """In the watcher thread: wait for the program's end, then tell the loop."""
        code = self._popen.wait()
        try:
            self._loop.call_soon_threadsafe(self._exited, code)
        except RuntimeError:    # the loop is closed: the process has ended meanwhile
            pass

    # -- events (on the loop)

    def _decoded(self, data: bytes, is_error: bool, final: bool = False):
        """*data* as the callbacks get it: Text (decoded across chunks) or a 4D.Blob."""
        if self.data_type == "blob":
            return Blob4D(data)
        decoder = self._decoders.get(is_error)
        if decoder is None:
            decoder = self._decoders[is_error] = codecs.getincrementaldecoder(self._codec)("replace")
        return decoder.decode(data, final)

    def _received(self, data: bytes, is_error: bool) -> None:
        (self._err if is_error else self._out).append(data)
        name = "onDataError" if is_error else "onData"
        callback = self._callbacks[name]
        if callback is not None:
            event = Obj(type=ERROR if is_error else DATA, data=self._decoded(data, is_error))
            scheduler.run_callback(name, callback, self, event)

    def _pipe_closed(self) -> None:
        self._open_pipes -= 1
        self._finish_if_done()

    def _exited(self, code: int) -> None:
        self._return_code = code
        if self._timer is not None:
            self._timer.cancel()
        self._drop_input()          # nobody reads it any more
        self._finish_if_done()

    def _time_out(self) -> None:
        if self._return_code is None:
            self._record_error(errno.ETIMEDOUT, f"Timeout: the program ran longer than {self.timeout} s and was killed")
            self._kill()

    def _record_error(self, code: int, message: str) -> None:
        self._errors.append(Obj(errorCode=float(code), message=message, componentSignature=COMPONENT))

    def _kill(self) -> None:
        if self._return_code is None:
            kill_program(self._popen)

    def _finish_if_done(self) -> None:
        if self._finished or self._return_code is None or self._open_pipes > 0:
            return
        self._finished = True
        if self._errors:
            self._call("onError", ERROR)
        else:
            self._call("onResponse", RESPONSE)
        self._call("onTerminate", TERMINATION)
        if self._done is not None and not self._done.done():
            self._done.set_result(None)
        scheduler.detach(self._rt, self)

    def _call(self, name: str, event_type: str) -> None:
        callback = self._callbacks[name]
        if callback is not None:
            scheduler.run_callback(name, callback, self, Obj(type=event_type))

    # -- what 4D code and the scheduler call

    def _post(self, payload: bytes) -> None:
        if self._input_closed or self._return_code is not None:
            return
        if self._stdin is not None:
            self._stdin.write(payload)
        else:
            self._pending.append(payload)

    def _close_input(self) -> None:
        if self._input_closed:
            return
        self._input_closed = True
        if self._stdin is not None:
            self._stdin.close()     # after what is buffered has been written

    def _done_future(self) -> asyncio.Future | None:
        if self._finished:
            return None
        if self._done is None:
            self._done = self._loop.create_future()
        return self._done

    def terminate_for_exit(self) -> None:
        """KILL WORKER, SIGINT/SIGTERM: the program is killed; onTerminate follows."""
        self._kill()

    def abandon(self) -> None:
        self._kill()
        self._drop_input()

    def _drop_input(self) -> None:
        """Discard what is still to be written to stdin, and close it."""
        stdin = self._stdin
        if stdin is not None and not stdin.is_closing():   # aborting twice reports twice
            stdin.abort()

    def _in_owner_thread(self, func, *args) -> None:
        if threading.get_ident() == self._rt.thread_id:
            func(*args)
        else:
            self._loop.call_soon_threadsafe(func, *args)

    # -- property values

    def response(self, is_error: bool):
        chunks = self._err if is_error else self._out
        if len(chunks) > 1:     # joined once, kept joined
            chunks[:] = [b"".join(chunks)]
        data = chunks[0] if chunks else b""
        if self.data_type == "blob" and not is_error:
            return Blob4D(data)
        return data.decode(self._codec, "replace")

    def exit_code(self):
        code = self._return_code if self._finished else (self._popen.poll() if self._popen else None)
        return float(code) if code is not None and code >= 0 else UNDEFINED

    def terminated(self) -> bool:
        return self._finished or (self._popen is not None and self._popen.poll() is not None)


def _read_options(worker: SystemWorker, options) -> dict | None:
    """Apply *options* to *worker*; the environment variables to set (None: error signalled)."""
    if not isinstance(options, Obj):
        return {}
    get = lambda name: dict.get(options, name, UNDEFINED)   # noqa: E731
    data_type = get("dataType")
    if data_type is not UNDEFINED:
        if type(data_type) is not str or data_type.lower() not in ("text", "blob"):
            incompatible("4D.SystemWorker.new", 'dataType must be "text" or "blob"')
            return None
        worker.data_type = data_type.lower()
    encoding = get("encoding")
    if encoding is not UNDEFINED:
        codec = charset_codec(encoding)
        if codec is None:
            incompatible("4D.SystemWorker.new", f"unknown encoding {encoding!r}")
            return None
        worker.encoding, worker._codec = encoding, codec
    timeout = get("timeout")
    if is_number(timeout) and timeout > 0:
        worker.timeout = float(timeout)
    if get("hideWindow") is not UNDEFINED:
        worker.hide_window = bool(get("hideWindow"))
    worker.current_directory = get("currentDirectory")
    variables = get("variables")
    if variables is not UNDEFINED and variables is not None and not isinstance(variables, Obj):
        incompatible("4D.SystemWorker.new", "variables must be an object")
        return None
    return dict(variables) if isinstance(variables, Obj) else {}


@builtin_class("SystemWorker")
def new_system_worker(command_line=UNDEFINED, options=UNDEFINED):
    """``4D.SystemWorker.new(commandLine {; options})``: start the program now.

    A program that cannot be started (not found, not executable, a missing
    current directory, an invalid command line) is a 4D error of ``new()``,
    catchable with ``Try``, and ``new()`` returns Null (SystemWorkerClass.md).
    """
    if type(command_line) is not str:
        return incompatible("4D.SystemWorker.new", "the command line must be a text")
    if not (options is UNDEFINED or options is None or isinstance(options, Obj)):
        return incompatible("4D.SystemWorker.new", "the options must be an object")
    rt = scheduler.current_runtime()
    worker = SystemWorker(rt, command_line, options)
    variables = _read_options(worker, options)
    if variables is None:
        return None
    try:
        directory = directory_path(worker.current_directory)
        environment = environment_with(variables)
        argv = prepare_launch(command_line, directory, environment)
        worker._start(argv, directory, environment)
    except LaunchError as exc:
        fail(exc.code, exc.message, COMPONENT)
        return None
    scheduler.attach(worker)
    return worker


@member_function(SystemWorker, "postMessage")
def post_message(worker: SystemWorker, message=UNDEFINED) -> None:
    """``.postMessage(text | blob)``: written to the program's stdin, never blocking."""
    if type(message) is str:
        payload = message.encode(worker._codec, "replace")
    else:
        payload = blob_bytes(message)
        if payload is None:
            incompatible("SystemWorker.postMessage", "a Text or a Blob is expected")
            return
    worker._in_owner_thread(worker._post, payload)


@member_function(SystemWorker, "closeInput")
def close_input(worker: SystemWorker) -> None:
    """``.closeInput()``: close stdin once what was posted has been written."""
    worker._in_owner_thread(worker._close_input)


@member_function(SystemWorker, "terminate")
def terminate(worker: SystemWorker) -> None:
    """``.terminate()``: kill the program; onTerminate follows (and ends a ``wait()``)."""
    worker._in_owner_thread(worker._kill)


@member_function(SystemWorker, "wait")
def wait(worker: SystemWorker, timeout=UNDEFINED) -> SystemWorker:
    """``.wait({timeout})``: serve the process's loop until onTerminate ran or
    *timeout* seconds passed (the program is not killed then); returns the worker."""
    seconds = None
    if timeout is not UNDEFINED:
        seconds = coerce("real", timeout)
        if type(seconds) is not float:
            return worker
        seconds = max(seconds, 0.0)
    scheduler.run_until(worker._done_future(), seconds)
    return worker


@member_setter(SystemWorker, "hideWindow")
def set_hide_window(worker: SystemWorker, value) -> None:
    """Read-write, and without effect outside Windows consoles (nothing is shown headless)."""
    worker.hide_window = bool(value)


for _name, _getter in {
    "commandLine": lambda w: w.command_line,
    "currentDirectory": lambda w: w.current_directory,
    "dataType": lambda w: w.data_type,
    "encoding": lambda w: w.encoding if w.data_type == "text" else UNDEFINED,
    "errors": lambda w: w._errors,
    "exitCode": SystemWorker.exit_code,
    "hideWindow": lambda w: w.hide_window,
    "pid": lambda w: float(w._popen.pid),
    "response": lambda w: w.response(False),
    "responseError": lambda w: w.response(True),
    "terminated": SystemWorker.terminated,
    "timeout": lambda w: w.timeout,
}.items():
    member_property(SystemWorker, _name)(_getter)
