"""Processes, workers and signals (Develop/processes.md, Develop/async.md,
commands call-worker.md, kill-worker.md, new-process.md, delay-process.md,
current-process.md, process-activity.md, API/SignalClass.md).
"""
from __future__ import annotations

import contextlib
import select
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "net"))
from tcp_helpers import call, formula, prop, run, run_project  # noqa: E402

from fourd.api.signal import new_signal  # noqa: E402
from fourd.commands.registry import STAR, lookup  # noqa: E402
from fourd.runtime import process as process_module  # noqa: E402
from fourd.runtime import scheduler  # noqa: E402
from fourd.runtime.errors import FourDError  # noqa: E402
from fourd.runtime.process import current_process  # noqa: E402
from fourd.runtime.shared import admit, storage, use  # noqa: E402
from fourd.runtime.values import Obj  # noqa: E402


def command(name, *args):
    return lookup(name).func(*args)


@pytest.fixture
def methods(monkeypatch):
    """Project methods called by name: a dict name -> Python function."""
    table = {}
    monkeypatch.setattr(process_module.global_state, "call_method", lambda name, *args: table[name](*args))
    return table


def where() -> tuple:
    return current_process().name, command("Current process"), threading.get_ident()


def test_run_main_returns_when_the_main_method_ends():
    seen = []
    run(lambda: seen.append((command("Current process"), command("Current process name"))))
    assert seen == [(1, process_module.Process().name)]


def test_call_worker_runs_messages_in_order_in_the_worker(methods):
    seen = []
    methods["record"] = lambda value: seen.append((value, where()))

    def entry():
        for value in range(5):
            command("CALL WORKER", "worker", "record", value)
        command("CALL WORKER", "worker", formula(lambda: seen.append(("formula", where()))))

    run(entry)
    assert [value for value, _ in seen] == [0, 1, 2, 3, 4, "formula"]
    places = {place for _, place in seen}
    assert len(places) == 1
    name, number, thread = places.pop()
    assert name == "worker" and number > 1 and thread != threading.main_thread().ident


def test_call_worker_to_process_1_runs_in_the_main_thread_after_the_main_method():
    seen = []

    def in_worker():
        command("CALL WORKER", 1, formula(lambda value: seen.append((value, where()))), "back")

    def entry():
        command("CALL WORKER", "w", formula(in_worker))
        seen.append(("main method", where()))

    run(entry)
    assert seen[0][0] == "main method"
    assert seen[1] == ("back", seen[0][1])


def test_startup_method_and_unknown_numbers(methods):
    seen = []
    methods["startup"] = lambda *args: seen.append(args)

    def entry():
        command("CALL WORKER", "w", "startup", 1)
        command("CALL WORKER", "w", "", 2)            # "": the worker's startup method again
        command("CALL WORKER", 999, "startup", 3)     # no such process: nothing happens
        command("CALL WORKER", 1, "")                  # the main process has no startup method
        command("CALL WORKER", "", "startup", 4)       # no name: nothing happens

    run(entry)
    assert seen == [(1,), (2,)]


def test_parameters_are_copied_unless_shared():
    plain, shared = Obj(value=1), new_signal("shared")
    seen = []

    def in_worker(obj, sig):
        seen.append((obj is plain, obj["value"], sig is shared))
        obj["value"] = 2

    run(lambda: command("CALL WORKER", "w", formula(in_worker), plain, shared))
    assert seen == [(False, 1, True)] and plain["value"] == 1


def test_errors_in_a_message_are_reported_and_the_worker_goes_on(capsys):
    seen = []

    def failing():
        raise FourDError(-10508, "Project method not found.")

    def entry():
        command("CALL WORKER", "w", formula(failing))
        command("CALL WORKER", "w", formula(lambda: seen.append("next message")))

    run(entry)
    assert "[w #2] Error -10508 (4DRT): Project method not found." in capsys.readouterr().err
    assert seen == ["next message"]


def test_kill_worker_drops_pending_messages_and_a_new_call_restarts_it():
    seen, gate = [], threading.Event()

    def first():
        gate.wait(5)
        seen.append(("first", command("Current process")))

    def entry():
        command("CALL WORKER", "w", formula(first))
        command("CALL WORKER", "w", formula(lambda: seen.append("dropped")))
        command("KILL WORKER", "w")
        gate.set()
        command("CALL WORKER", "w", formula(lambda: seen.append(("restarted", command("Current process")))))

    run(entry)
    assert [tag for tag, _ in seen] == ["first", "restarted"]
    assert seen[0][1] != seen[1][1]                 # a new process for the same worker


def test_kill_worker_from_inside_and_calls_to_itself_afterwards():
    seen, queued = [], threading.Event()

    def message(tag):
        queued.wait(5)         # all three messages are in the mailbox
        seen.append(tag)
        if tag == "stop":
            command("KILL WORKER")
            command("CALL WORKER", "w", formula(lambda: seen.append("ignored")), "x")

    def entry():
        for tag in ("a", "stop", "dropped"):
            command("CALL WORKER", "w", formula(message), tag)
        queued.set()

    run(entry)
    assert seen == ["a", "stop"]


def test_kill_worker_terminates_its_listeners():
    from fourd.net.tcp import new_listener
    seen = []

    def serve():
        new_listener(0, Obj(onTerminate=formula(lambda listener, event: seen.append(where()[0]))))

    def entry():
        command("CALL WORKER", "server", formula(serve))
        command("KILL WORKER", "server")

    run(entry)
    assert seen == ["server"]


def test_new_process_runs_its_method_then_ends(methods):
    seen, release = [], threading.Event()

    def job(a, b):
        release.wait(5)
        seen.append((a + b, where()[0]))

    methods["job"] = job

    def entry():
        number = command("New process", "job", 0, "adder", 1, 2)
        seen.append(number == command("Process number", "adder") > 1)
        release.set()

    run(entry)     # returns once the process has ended
    assert seen == [True, (3, "adder")]
    assert command("Process number", "adder") == 0


def test_new_process_with_star_returns_the_running_process(methods):
    numbers, release = [], threading.Event()
    methods["long"] = lambda: release.wait(5)

    def entry():
        numbers.append(command("New process", "long", 0, "unique", STAR))
        numbers.append(command("New process", "long", 0, "unique", STAR))
        numbers.append(command("Process state", numbers[0]))
        release.set()

    run(entry)
    assert numbers[0] == numbers[1] and numbers[2] >= 0
    assert command("Process state", numbers[0]) == scheduler.ABORTED   # ended since
    assert command("Process state", 10_000) == scheduler.DOES_NOT_EXIST


def test_process_activity_lists_the_processes():
    seen = []

    def entry():
        command("CALL WORKER", "helper", formula(lambda: None))
        seen.append(command("Process activity"))
        seen.append(command("Process info", 1))

    run(entry)
    activity, main = seen
    processes = {p["name"]: p for p in activity["processes"]}
    assert processes[main["name"]]["number"] == 1 and main["type"] == scheduler.MAIN_PROCESS
    assert processes["helper"]["type"] == scheduler.WORKER_PROCESS and processes["helper"]["number"] > 1
    assert {"ID", "state", "preemptive", "visible", "creationDateTime"} <= set(main)


def test_delay_process_sleeps_in_ticks():
    elapsed = []

    def entry():
        began = time.monotonic()
        command("DELAY PROCESS", command("Current process"), 6)     # 6 ticks = 0.1 s
        elapsed.append(time.monotonic() - began)

    run(entry)
    assert 0.09 < elapsed[0] < 0.5


def test_delay_process_of_another_process_delays_its_next_message():
    elapsed = []

    def entry():
        command("CALL WORKER", "w", formula(lambda: None))
        began = time.monotonic()
        command("DELAY PROCESS", command("Process number", "w"), 12)    # 0.2 s
        command("CALL WORKER", "w", formula(lambda: elapsed.append(time.monotonic() - began)))

    run(entry)
    assert 0.18 < elapsed[0] < 1


def test_delay_process_serves_the_loop_of_its_process():
    """DELAY PROCESS of a process's own code lets its callbacks run, as in 4D,
    where asynchronous objects progress while the code polls (docs/ARCHITECTURE.md)."""
    from fourd.net.tcp import new_connection, new_listener
    events = []

    def entry():
        listener = new_listener(0, Obj(onConnection=formula(lambda l, e: events.append("accepted"))))
        new_connection("127.0.0.1", int(prop(listener, "port")), Obj(
            onTerminate=formula(lambda c, e: call(listener, "terminate"))))
        began = time.monotonic()
        command("DELAY PROCESS", 1, 6)
        events.append(("delay over", time.monotonic() - began >= 0.09))

    run(entry)
    assert events == ["accepted", ("delay over", True)]


def test_delay_process_in_a_callback_holds_other_callbacks():
    """Inside a callback the loop is already running: DELAY PROCESS just sleeps."""
    from fourd.net.tcp import new_connection, new_listener
    events = []

    def accepted(listener, event):
        events.append("accepted")
        command("DELAY PROCESS", 1, 6)
        events.append("delay over")
        call(listener, "terminate")
        return None     # refused: the client sees the connection close

    def entry():
        listener = new_listener(0, Obj(onConnection=formula(accepted)))
        new_connection("127.0.0.1", int(prop(listener, "port")), Obj(
            onConnection=formula(lambda c, e: events.append("connected"))))

    run(entry)
    assert events.index("delay over") == events.index("accepted") + 1


def test_signal_across_threads():
    """SignalClass.md: wait() returns True once another process triggered it."""
    seen = []

    def worker(sig):
        with use(sig):
            sig["result"] = 42.0
        call(sig, "trigger")

    def entry():
        sig = new_signal("my signal")
        seen.append((prop(sig, "signaled"), call(sig, "wait", 0.05)))   # times out: False
        command("CALL WORKER", "w", formula(worker), sig)
        seen.append((call(sig, "wait", 5), prop(sig, "signaled"), sig["result"], sig["description"]))
        seen.append(call(sig, "wait"))                                 # already signaled

    run(entry)
    assert seen == [(False, False), (True, True, 42.0, "my signal"), True]


def test_a_signal_can_be_stored_in_storage():
    """A signal is a shared object of its own group (SignalClass.md, shared.md)."""
    sig = new_signal()
    assert admit(storage(), sig) is sig


def test_new_signal_command_and_state_while_waiting():
    states = []

    def entry():
        sig = command("New signal")
        assert sig["description"] == ""
        command("CALL WORKER", "w", formula(lambda: (time.sleep(0.05), states.append(command("Process state", 1)),
                                                     call(sig, "trigger"))))
        call(sig, "wait", 5)

    run(entry)
    assert states == [scheduler.WAITING_FOR_INTERNAL_FLAG]


SCRIPT = textwrap.dedent("""
    import sys, time
    from fourd.runtime.scheduler import run_main
    from fourd.runtime.formula import Formula
    from fourd.runtime.values import Obj
    from fourd.net.tcp import new_listener
    from fourd.commands.registry import lookup

    def entry():
        new_listener(0, Obj(onTerminate=Formula(lambda this, l, e: print("listener terminated", flush=True))))
        print("ready", flush=True)
        if sys.argv[1] == "busy":          # the main method itself is still running
            while True:
                lookup("DELAY PROCESS").func(1, 6)

    sys.exit(run_main(entry))
""")


#: Upper bound for a child Python to start and end (a loaded machine can be slow).
CHILD_TIMEOUT = 30


@contextlib.contextmanager
def ready_child(script: str, mode: str):
    """A Python running *script* that has printed "ready" (killed on the way out)."""
    child = subprocess.Popen([sys.executable, "-c", script, mode], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        readable, _, _ = select.select([child.stdout], [], [], CHILD_TIMEOUT)
        assert readable and child.stdout.readline() == "ready\n", child.stderr.read()
        yield child
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.mark.parametrize("signum, mode", [(signal.SIGTERM, "idle"), (signal.SIGINT, "idle"),
                                          (signal.SIGINT, "busy")])
def test_signals_terminate_everything_cleanly(signum, mode):
    with ready_child(SCRIPT, mode) as child:
        child.send_signal(signum)
        out, err = child.communicate(timeout=CHILD_TIMEOUT)
    assert child.returncode == 128 + signum, err
    assert out == "listener terminated\n"


def test_a_second_signal_exits_at_once():
    script = SCRIPT.replace('print("listener terminated", flush=True)', 'time.sleep(60)')
    with ready_child(script, "idle") as child:
        child.send_signal(signal.SIGINT)       # onTerminate now sleeps…
        time.sleep(0.3)
        child.send_signal(signal.SIGINT)       # …so the second Ctrl-C exits at once
        child.communicate(timeout=CHILD_TIMEOUT)
    assert child.returncode == 130


DO_WORK = """\
#DECLARE($signal : 4D.Signal)
Use($signal)
	$signal.myresult:=Current process name+" computed 42"
End use
$signal.trigger()
"""

SIGNAL_MAIN = """\
var $signal : 4D.Signal
$signal:=New signal("This is my first signal")
var $signaled : Boolean:=$signal.wait(0.05)
CALL WORKER("myworker"; "doWork"; $signal)
ALERT(String($signaled)+" then "+String($signal.wait(5))+": "+$signal.myresult+" ("+$signal.description+")")
ALERT(String(OB Instance of($signal; 4D.Signal))+", "+String(Process state(Process number("myworker")) >= 0))
KILL WORKER("myworker")
"""


def test_signals_and_workers_in_4d_code(tmp_path):
    """The new-signal.md example, with the worker's method of SignalClass.md."""
    result = run_project(tmp_path, SIGNAL_MAIN, methods={"doWork": DO_WORK})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "False then True: myworker computed 42 (This is my first signal)", "True, True"]
