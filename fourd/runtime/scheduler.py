"""The 4D scheduler: processes, workers, mailboxes and event loops.

The model (Develop/processes.md, Develop/async.md):

* A 4D process is one thread, one asyncio event loop and one mailbox. The
  main process (number 1) runs on the main thread, inside :func:`run_main`.
* A process's own 4D code -- its method, each ``CALL WORKER`` message --
  runs *outside* its loop. When that code returns, the process *serves* its
  loop: the callbacks of its asynchronous objects (TCP listeners and
  connections…) run there, one at a time, until a new message arrives or
  nothing is left to wait for. So 4D code never runs at the same time as
  the callbacks of its own process, and callbacks run only while the process
  is idle or inside a ``wait()`` (:func:`run_until`).
* Every asynchronous object is kept alive by its process (``live``) until
  its ``onTerminate`` ran: async.md, "an extra reference is always
  maintained by 4D in the process that instantiated the object".
* A worker (``CALL WORKER``) runs its messages one by one and stays alive
  until ``KILL WORKER``; a ``New process`` ends when its method has returned
  and its asynchronous objects are done.

:func:`run_main` returns when the main method has ended, no asynchronous
object is alive in any process and every process is idle with an empty
mailbox. SIGINT/SIGTERM terminate every listener and connection (their
``onTerminate`` runs) and make it return 130/143, interrupting 4D code that
still runs in any process; a second signal exits at once.
"""
from __future__ import annotations

import asyncio
import collections
import ctypes
import datetime
import functools
import os
import signal as _signal
import sys
import threading
import time
import traceback

from .errors import Codes, FourDError, InterruptRequest, fail
from .formula import invoke
from .locations import with_location
from .process import Process, current_process, set_current_process
from .values import Coll, Obj

__all__ = [
    "ProcessRuntime", "current_runtime", "run_main", "request_shutdown",
    "attach", "detach", "run_callback", "run_until", "report",
    "call_worker", "kill_worker", "new_process", "delay_process",
    "process_info", "process_activity", "process_state", "process_number",
    "waiting_for_flag",
]

# Process types, as Process info reports them (process-info.md).
MAIN_PROCESS = -1
OTHER_USER_PROCESS = 4            # New process
WORKER_PROCESS = 5

# Process states (process-state.md).
DOES_NOT_EXIST = -100
ABORTED = -1
EXECUTING = 0
DELAYED = 1
WAITING_FOR_USER_EVENT = 2        # idle: serving its loop, waiting for messages/events
WAITING_FOR_INTERNAL_FLAG = 4     # in Signal.wait() (SignalClass.md)

#: Seconds given to listeners and connections to close after SIGINT/SIGTERM.
SHUTDOWN_GRACE = 3.0
#: Seconds run_main waits for worker threads once everything is done.
JOIN_TIMEOUT = 2.0


def new_event_loop() -> asyncio.AbstractEventLoop:
    """A process's event loop: asyncio's, or uvloop's with FOURD_LOOP=uvloop
    when uvloop is installed (``pip install 'fourd[fast]'``). With uvloop,
    ``wait()`` inside a callback is an error (see _step_until)."""
    if os.environ.get("FOURD_LOOP") == "uvloop":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            return uvloop.new_event_loop()
    return asyncio.new_event_loop()


class ProcessRuntime:
    """What the scheduler keeps for one process: thread, loop, mailbox, live objects."""

    def __init__(self, process: Process, kind: int):
        self.process = process
        self.kind = kind
        self.loop = new_event_loop()
        self.thread: threading.Thread | None = None
        self.thread_id: int | None = None
        self.mailbox: collections.deque = collections.deque()   # zero-argument jobs
        self.live: set = set()            # asynchronous objects until their onTerminate ran
        self.running = False              # running a job (4D code of the process itself)
        self.callbacks = 0                # depth of 4D callbacks running on the loop
        self.waiter: asyncio.Future | None = None   # set while idle-serving the loop
        self.killed = False               # KILL WORKER: end after the current job
        self.startup = None               # a worker's startup method (CALL WORKER with "")
        self.state = EXECUTING
        self.delay_until = 0.0            # DELAY PROCESS deadline (time.monotonic)
        self.delay_waiter: asyncio.Future | None = None   # set while DELAY PROCESS serves the loop
        self.closers: list = []           # coroutine functions run before the loop closes
        self.wakeup = threading.Condition()
        self.ended = threading.Event()
        self.created = datetime.datetime.now(datetime.timezone.utc)
        process.runtime = self
        process.loop = self.loop

    def __repr__(self) -> str:
        return f"<ProcessRuntime {self.process.number} {self.process.name!r}>"


class _Table:
    """The processes of one run of the application."""

    def __init__(self):
        # Re-entrant: the signal handler may run while the main thread holds it.
        self.lock = threading.RLock()
        self.by_number: dict[int, ProcessRuntime] = {}
        self.workers: dict[str, ProcessRuntime] = {}    # worker name -> current incarnation
        self.retired: dict[str, ProcessRuntime] = {}    # killed worker still finishing its task
        self.last_number = 0
        self.main: ProcessRuntime | None = None
        self.stopping = False             # run_main is returning: every process ends
        self.shutdown = False             # SIGINT/SIGTERM received
        self.grace_deadline = 0.0
        self.exit_status = 0


_table = _Table()


def _new_runtime(table: _Table, name: str, kind: int) -> ProcessRuntime:
    table.last_number += 1
    rt = ProcessRuntime(Process(name, table.last_number), kind)
    table.by_number[table.last_number] = rt
    return rt


def current_runtime() -> ProcessRuntime:
    """The runtime of the process running on this thread.

    Outside :func:`run_main` (a REPL, a test calling the runtime directly) the
    thread's process gets a loop of its own on first use; its callbacks then
    run only inside ``wait()``.
    """
    process = current_process()
    rt = process.runtime
    if rt is None:
        rt = ProcessRuntime(process, MAIN_PROCESS)
        rt.thread_id = threading.get_ident()
    return rt


# ---------------------------------------------------------------- reporting

def report(exc: BaseException, where: str = "") -> None:
    """Report an error that ended a job or a callback, on stderr.

    Shown as a 4D error with the 4D line that raised it (``locations.with_location``);
    an exception that is a bug of fourd itself (error -10999) also gets its
    Python traceback -- not a stack overflow or a memory error, which are 4D's.
    """
    process = current_process()
    prefix = f"[{process.name or 'process'} #{process.number}] {where + ': ' if where else ''}"
    error = with_location(exc)
    text = prefix + error.describe()
    if error.code == Codes.INTERNAL and not isinstance(exc, FourDError):
        text += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    print(text, file=sys.stderr, flush=True)


def run_callback(where: str, func, *args):
    """Call a 4D callback from the loop; its errors are reported, not raised.

    An error in user callback code must not stop the loop or other objects
    (and is not an onError event: those are for network errors).
    """
    rt = current_runtime()
    rt.callbacks += 1
    try:
        return func(*args)
    except InterruptRequest:
        if not _table.shutdown:     # ABORT, KILL WORKER: they end the process
            raise
        # SIGINT/SIGTERM aborted the callback: the loop goes on to terminate the objects.
    except Exception as exc:    # 4D errors, and bugs of ours
        report(exc, where)
    finally:
        rt.callbacks -= 1
    return None


# ---------------------------------------------------------- live objects

def attach(obj) -> ProcessRuntime:
    """Keep the asynchronous *obj* alive in the current process until :func:`detach`.

    *obj* must have ``terminate_for_exit()`` (close cleanly: KILL WORKER,
    SIGINT/SIGTERM) and ``abandon()`` (close at once: the grace period is over).
    """
    rt = current_runtime()
    with _table.lock:
        rt.live.add(obj)
    return rt


def detach(rt: ProcessRuntime, obj) -> None:
    """Release *obj* once its onTerminate ran (on *rt*'s thread)."""
    table = _table
    with table.lock:
        rt.live.discard(obj)
        if rt.live:
            return
        _wake(rt)
        _notify_main(table)


def _terminate_live(rt: ProcessRuntime) -> None:
    """Terminate *rt*'s asynchronous objects (KILL WORKER, SIGINT/SIGTERM), on its loop."""
    for obj in list(rt.live):
        run_callback("terminate", obj.terminate_for_exit)
    _wake(rt)   # let an idle process see that it may end


# ---------------------------------------------------------------- waiting

def run_until(done: asyncio.Future | None, timeout: float | None = None) -> bool:
    """Run the current process's loop until *done* is resolved or *timeout* s passed.

    This is ``$obj.wait()``: other callbacks of the process run meanwhile
    (async.md). From 4D code the loop is not running and is simply run; from
    inside a callback it is already running, so it is stepped re-entrantly
    (:func:`_step_until`). Returns whether *done* is resolved.
    """
    if done is None or done.done():
        return True
    rt = current_runtime()
    loop = rt.loop
    if done.get_loop() is not loop:
        fail(Codes.UNSUPPORTED_COMMAND,
             "wait() can only be called in the process that created the object")
        return False
    waiter = loop.create_future()

    def finished(_=None):
        if not waiter.done():
            waiter.set_result(None)

    done.add_done_callback(finished)
    timer = loop.call_later(timeout, finished) if timeout is not None else None
    try:
        if not loop.is_running():
            loop.run_until_complete(waiter)
        elif not _step_until(loop, waiter):
            return False
    finally:
        done.remove_done_callback(finished)
        if timer is not None:
            timer.cancel()
    return done.done()


def _nothing() -> None:
    pass


def _step_until(loop, waiter) -> bool:
    """Step the running *loop* until *waiter* is done: ``wait()`` inside a callback.

    This relies on private parts of asyncio's own loops (``BaseEventLoop``):
    ``_run_once()`` runs one iteration; the enclosing ``_run_once()``, whose
    callback we are in, will still pop as many ``_ready`` handles as it
    counted, so the queue is topped up with no-ops if the nested iterations
    consumed them; a ``stop()`` aimed at the enclosing run is held back, or
    the nested iterations would poll without blocking. Loops without these
    (uvloop…) get a 4D error instead.
    """
    if not (hasattr(loop, "_run_once") and hasattr(loop, "_ready") and hasattr(loop, "_stopping")):
        fail(Codes.UNSUPPORTED_COMMAND, f"wait() inside a callback is not supported with {type(loop).__name__}")
        return False
    expected = len(loop._ready)
    held = False
    try:
        while not waiter.done():
            held = held or loop._stopping
            loop._stopping = False
            loop._run_once()
    finally:
        loop._stopping = held or loop._stopping
        for _ in range(expected - len(loop._ready)):
            loop.call_soon(_nothing)
    return True


def waiting_for_flag(wait, *args):
    """Call the blocking *wait* with the process shown as "Waiting for internal flag"."""
    rt = current_runtime()
    previous, rt.state = rt.state, WAITING_FOR_INTERNAL_FLAG
    try:
        return wait(*args)
    finally:
        rt.state = previous


# ------------------------------------------------------------------ serving

def _wake(rt: ProcessRuntime) -> None:
    waiter = rt.waiter
    if waiter is not None and not waiter.done():
        waiter.set_result(None)


def _call_in(rt: ProcessRuntime, func, *args) -> None:
    """Run ``func(*args)`` on *rt*'s loop (any thread)."""
    try:
        rt.loop.call_soon_threadsafe(func, *args)
    except RuntimeError:  # its loop is closed: the process has ended
        pass


def _poke(rt: ProcessRuntime) -> None:
    """Wake *rt* if it is idle-serving, so that it looks at its mailbox again."""
    if rt.thread_id == threading.get_ident():
        _wake(rt)
    else:
        _call_in(rt, _wake, rt)


def _notify_main(table: _Table) -> None:
    main = table.main
    if main is not None and main.waiter is not None:
        _poke(main)


def _interrupt_delay(rt: ProcessRuntime) -> None:
    with rt.wakeup:
        rt.delay_until = 0.0
        rt.wakeup.notify_all()
    _end_delay_waiter(rt)


def _end_delay_waiter(rt: ProcessRuntime) -> None:
    """Let a DELAY PROCESS that serves *rt*'s loop look at its deadline again."""
    waiter = rt.delay_waiter
    if waiter is not None:
        _call_in(rt, _resolve, waiter)


def _resolve(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


def _may_end(table: _Table, rt: ProcessRuntime) -> bool:
    """Whether the idle process *rt* (empty mailbox) is done (under the lock)."""
    if rt.kind == MAIN_PROCESS:
        if table.shutdown:
            return (not any(other.live for other in table.by_number.values())
                    or time.monotonic() >= table.grace_deadline)
        return all(not other.running and not other.mailbox and not other.live
                   for other in table.by_number.values())
    if table.stopping:
        return True
    if rt.kind == WORKER_PROCESS:
        return rt.killed and not rt.live
    return not rt.live


def _run_job(rt: ProcessRuntime, job) -> None:
    """Run 4D code of the process itself (its method or a message), outside the loop."""
    try:
        job()
    except Exception as exc:    # 4D errors, and bugs of ours; InterruptRequest goes through
        report(exc)
    finally:
        with _table.lock:
            rt.running = False
            rt.state = EXECUTING
        _release_unreferenced(rt)


def _release_unreferenced(rt: ProcessRuntime) -> None:
    """Collect reference cycles once a job has ended if an object released by
    reference counting (4D.UDPSocket) is alive: every caught 4D error leaves
    a cycle (exception, traceback, frames) that can hold the job's locals,
    and an idle process allocates nothing that would start Python's GC."""
    if any(getattr(obj, "RELEASED_WITHOUT_REFERENCES", False) for obj in list(rt.live)):
        import gc    # here: the module's imports are kept as they are (restructuring)
        gc.collect()


def _honour_delay(rt: ProcessRuntime) -> None:
    """Sleep out a DELAY PROCESS another process put on *rt*."""
    if rt.delay_until and rt.delay_until > time.monotonic():
        _sleep(rt)


def _serve(rt: ProcessRuntime) -> None:
    """Run *rt*'s messages and serve its loop in between, until it may end."""
    table = _table
    loop = rt.loop
    while True:
        job = None
        timer = None
        with table.lock:
            if rt.mailbox and not rt.killed:
                job = rt.mailbox.popleft()
                rt.running = True
            elif _may_end(table, rt):
                return
            else:
                rt.waiter = loop.create_future()
                rt.state = WAITING_FOR_USER_EVENT
                if rt is table.main:
                    if table.shutdown:   # re-check when the grace period is over
                        timer = loop.call_later(max(0.0, table.grace_deadline - time.monotonic()),
                                                _wake, rt)
                elif not rt.live:
                    _notify_main(table)      # this process is idle: maybe everything is
        if job is not None:
            _honour_delay(rt)
            _run_job(rt, job)
            continue
        try:
            loop.run_until_complete(rt.waiter)
        finally:
            rt.waiter = None
            if timer is not None:
                timer.cancel()


def _close_loop(rt: ProcessRuntime) -> None:
    """Close *rt*'s loop; objects still alive (grace period over) are dropped."""
    loop = rt.loop
    if loop.is_closed() or loop.is_running():
        return
    for obj in list(rt.live):
        obj.abandon()
    for closer in rt.closers:     # pools of connections (HTTP client sessions)
        try:
            loop.run_until_complete(closer())
        except Exception as exc:
            report(exc, "closing")
    # One more pass so that aborted transports close their sockets.
    loop.call_soon(loop.stop)
    loop.run_forever()
    loop.close()


def _process_thread(rt: ProcessRuntime, predecessor: ProcessRuntime | None) -> None:
    rt.thread_id = threading.get_ident()
    if predecessor is not None:
        predecessor.ended.wait()   # one process at a time per worker (kill-worker.md)
    set_current_process(rt.process)
    asyncio.set_event_loop(rt.loop)
    table = _table
    try:
        _serve(rt)
    except InterruptRequest:
        pass
    except Exception as exc:
        report(exc, "scheduler")
    finally:
        with table.lock:
            table.by_number.pop(rt.process.number, None)
            name = rt.process.name
            for names in (table.workers, table.retired):
                if names.get(name) is rt:
                    del names[name]
            _notify_main(table)
        _close_loop(rt)
        rt.ended.set()


def _start_thread(rt: ProcessRuntime, predecessor: ProcessRuntime | None = None) -> None:
    rt.thread = threading.Thread(target=_process_thread, args=(rt, predecessor),
                                 name=f"4D process {rt.process.number} {rt.process.name}",
                                 daemon=True)
    rt.thread.start()


# --------------------------------------------------------------- run_main

def _on_signal(signum, frame) -> None:
    table = _table
    status = 128 + signum
    if table.shutdown:
        os._exit(status)            # second Ctrl-C: exit at once
    request_shutdown(status)
    main = table.main
    if main is not None and (main.running or main.callbacks):
        # Abort the main process's own 4D code or the callback it runs (a
        # `While (True)` in onData too); idle, it just serves on.
        raise InterruptRequest(f"signal {signum}")


def request_shutdown(status: int = 0) -> None:
    """Terminate every listener and connection of every process (SIGINT/SIGTERM).

    Pending messages are dropped; :func:`run_main` then returns *status* once
    the objects are done or after :data:`SHUTDOWN_GRACE` seconds.
    """
    table = _table
    with table.lock:
        if table.shutdown:
            return
        table.shutdown = True
        table.exit_status = status
        table.grace_deadline = time.monotonic() + SHUTDOWN_GRACE
        for rt in table.by_number.values():
            rt.mailbox.clear()
            _call_in(rt, _terminate_live, rt)
            _interrupt_delay(rt)


def _install_signal_handlers() -> dict | None:
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = {}
    for signum in (_signal.SIGINT, _signal.SIGTERM):
        previous[signum] = _signal.signal(signum, _on_signal)
    return previous


def _interrupt_thread(rt: ProcessRuntime) -> None:
    """Raise InterruptRequest in *rt*'s thread, as a signal does in the main
    thread: its 4D code stops at its next step (a ``While (True)`` too)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(rt.thread_id), ctypes.py_object(InterruptRequest))


def _stop_processes(table: _Table) -> None:
    """End every other process's thread (they are idle, or the grace period is
    over: those still running 4D code are interrupted)."""
    with table.lock:
        table.stopping = True
        others = [rt for rt in table.by_number.values() if rt is not table.main]
        for rt in others:
            _poke(rt)
            _interrupt_delay(rt)
            if (rt.running or rt.callbacks) and rt.thread_id is not None:
                _interrupt_thread(rt)
    deadline = time.monotonic() + JOIN_TIMEOUT
    for rt in others:
        if rt.thread is not None:
            rt.thread.join(max(0.0, deadline - time.monotonic()))


def run_main(entry) -> int:
    """Run *entry()* as the method of the main process, then serve until all is done.

    Returns the exit status: 0, or 128 + the signal number after SIGINT/SIGTERM.
    """
    global _table
    previous_process = current_process()
    table = _table = _Table()
    main = table.main = _new_runtime(table, Process().name, MAIN_PROCESS)
    main.thread = threading.current_thread()
    main.thread_id = threading.get_ident()
    table.workers[main.process.name] = main
    set_current_process(main.process)
    asyncio.set_event_loop(main.loop)
    handlers = _install_signal_handlers()
    try:
        main.running = True
        try:
            _run_job(main, entry)
        except InterruptRequest:
            pass
        while True:
            try:
                _serve(main)
                break
            except InterruptRequest:   # a signal aborted a message to process 1
                continue
    finally:
        _stop_processes(table)
        _close_loop(main)
        if handlers is not None:
            for signum, handler in handlers.items():
                _signal.signal(signum, handler)
        asyncio.set_event_loop(None)
        set_current_process(previous_process)
    return table.exit_status


# ---------------------------------------------------------------- workers

def _copy_argument(value):
    """Parameters reach another process by copy, unless shared (call-worker.md)."""
    if type(value) is Obj or type(value) is Coll:
        if value.shared is not None:
            return value
        from .shared import deep_copy
        return deep_copy(value)
    if type(value) is bytearray:
        return bytearray(value)
    return value


def _post(rt: ProcessRuntime, caller: ProcessRuntime, callback, args) -> None:
    """Queue ``callback(*args)`` in *rt*'s mailbox (under the lock)."""
    if rt is not caller:
        args = [_copy_argument(arg) for arg in args]
    rt.mailbox.append(functools.partial(invoke, callback, *args))
    if rt.waiter is not None:
        _poke(rt)


def call_worker(target, callback, args=()) -> None:
    """``CALL WORKER(target; callback; args…)`` (call-worker.md).

    *target* is a worker name (the worker is created if needed) or a process
    number (1 is the main process; other numbers must be live workers, or
    nothing happens). *callback* is a formula or a method name; ``""`` runs
    the worker's startup method.
    """
    table = _table
    caller = current_runtime()
    start = predecessor = None
    with table.lock:
        if isinstance(target, str):
            rt = table.workers.get(target)
            if rt is None:
                if caller.killed and caller.process.name == target:
                    return   # a killed worker calling itself does nothing (kill-worker.md)
                if callback == "":
                    return   # nothing to run and no startup method yet
                rt = start = _new_runtime(table, target, WORKER_PROCESS)
                rt.startup = callback
                table.workers[target] = rt
                predecessor = table.retired.pop(target, None)
        else:
            rt = table.by_number.get(target)
            if rt is None or rt.kind == OTHER_USER_PROCESS or rt.killed:
                return
        if callback == "":
            callback = rt.startup
            if callback is None:
                return   # CALL WORKER(1; "") does nothing
        _post(rt, caller, callback, args)
    if start is not None:
        _start_thread(start, predecessor)


def kill_worker(target=None) -> None:
    """``KILL WORKER{(target)}`` (kill-worker.md).

    The worker drops its pending messages and ends once its current job is
    done; its listeners and connections are terminated first. The main
    process only has its mailbox emptied.
    """
    table = _table
    with table.lock:
        if target is None:
            rt = current_runtime()
        elif isinstance(target, str):
            rt = table.workers.get(target)
        else:
            rt = table.by_number.get(target)
        if rt is None or rt.kind == OTHER_USER_PROCESS:
            return
        rt.mailbox.clear()
        if rt.kind == MAIN_PROCESS or rt.killed:
            return
        rt.killed = True
        name = rt.process.name
        if table.workers.get(name) is rt:
            del table.workers[name]
            table.retired[name] = rt
        _call_in(rt, _terminate_live, rt)


def new_process(method, name: str = "", args=(), unique: bool = False) -> int:
    """``New process(method; stack; name; params…{; *})`` (new-process.md): its number."""
    table = _table
    caller = current_runtime()
    with table.lock:
        if unique:
            for rt in table.by_number.values():
                if rt.process.name == name:
                    return rt.process.number
        rt = _new_runtime(table, name, OTHER_USER_PROCESS)
        _post(rt, caller, method, args)
    _start_thread(rt)
    return rt.process.number


# ------------------------------------------------------------ delays, info

def _sleep(rt: ProcessRuntime) -> None:
    """Sleep until *rt*'s DELAY PROCESS deadline; no callback runs meanwhile."""
    with rt.wakeup:
        previous, rt.state = rt.state, DELAYED
        try:
            while (remaining := rt.delay_until - time.monotonic()) > 0:
                rt.wakeup.wait(remaining)
        finally:
            rt.state = previous


def _sleep_serving(rt: ProcessRuntime) -> None:
    """Sleep until *rt*'s DELAY PROCESS deadline while serving its loop.

    The process's own 4D code is paused, so its callbacks may run, as in
    ``wait()``: this is what makes polling loops work
    (``While (Not($request.terminated)) DELAY PROCESS(...)``, see
    docs/ARCHITECTURE.md).
    """
    loop = rt.loop
    previous, rt.state = rt.state, DELAYED
    try:
        while (remaining := rt.delay_until - time.monotonic()) > 0:
            waiter = rt.delay_waiter = loop.create_future()
            timer = loop.call_later(remaining, _resolve, waiter)
            try:
                loop.run_until_complete(waiter)
            finally:
                timer.cancel()
                rt.delay_waiter = None
    finally:
        rt.state = previous


def delay_process(number: int, ticks: float) -> None:
    """``DELAY PROCESS(number; ticks)`` (delay-process.md); 1 tick = 1/60 s.

    The new duration replaces any delay in progress; 0 ends it. Another
    process is delayed before it starts its next message. A process that
    delays its own 4D code serves its loop meanwhile (its callbacks run);
    inside a callback it just sleeps.
    """
    rt = current_runtime()
    if number != rt.process.number:
        rt = _table.by_number.get(number)
        if rt is None:
            return
    with rt.wakeup:
        rt.delay_until = time.monotonic() + ticks / 60 if ticks > 0 else 0.0
        rt.wakeup.notify_all()
    if rt.thread_id != threading.get_ident():
        _end_delay_waiter(rt)
    elif rt.loop.is_running() or rt.loop.is_closed():
        _sleep(rt)
    else:
        _sleep_serving(rt)


def _describe(rt: ProcessRuntime) -> Obj:
    """A process as Process info describes it (process-info.md)."""
    thread = rt.thread
    return Obj(
        number=rt.process.number,
        name=rt.process.name,
        ID=rt.process.number,
        type=rt.kind,
        state=rt.state,
        preemptive=rt.kind != MAIN_PROCESS,   # every other process is a thread of its own
        visible=True,
        creationDateTime=rt.created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        systemID=str(thread.native_id) if thread is not None and thread.native_id else "",
    )


def process_info(number: int) -> Obj | None:
    """``Process info(number)``: Null for a process that does not exist."""
    with _table.lock:
        rt = _table.by_number.get(number)
        return None if rt is None else _describe(rt)


def process_activity() -> Obj:
    """``Process activity``: ``{processes: [...]}`` (no sessions: not a server)."""
    with _table.lock:
        return Obj(processes=Coll(_describe(rt) for _, rt in sorted(_table.by_number.items())))


def process_state(number: int) -> int:
    """``Process state(number)`` (process-state.md)."""
    with _table.lock:
        rt = _table.by_number.get(number)
        if rt is not None:
            return rt.state
        return ABORTED if 0 < number <= _table.last_number else DOES_NOT_EXIST


def process_number(name: str) -> int:
    """``Process number(name)``: 0 when no running process has that name."""
    with _table.lock:
        for number, rt in sorted(_table.by_number.items()):
            if rt.process.name == name:
                return number
    return 0
