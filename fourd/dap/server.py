"""The DAP requests fourd answers, over stdio or a loopback socket.

``launch`` runs a ``.4dm`` file or a project (``program``, ``method``,
``args``, ``cwd``, ``stopOnEntry``) in a thread of this process, its 4D
output sent as ``output`` events; each 4D process is a DAP thread. Stack
frames are named as 4D names them (``method``, ``Class.function``) with
their 4D file and line; scopes are the frame's locals, ``This``, the
process's and the interprocess variables; ``evaluate`` and ``setVariable``
run 4D expressions in the stopped process. ``disconnect``/``terminate``
stop the run as SIGTERM would: listeners and connections are terminated.
"""
from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

from fourd.runtime.locations import with_location
from fourd.syntax.errors import FourDSyntaxError

from . import debugger as dbg
from .protocol import Channel

CAPABILITIES = {
    "supportsConfigurationDoneRequest": True, "supportsConditionalBreakpoints": True,
    "supportsHitConditionalBreakpoints": True, "supportsLogPoints": True, "supportsEvaluateForHovers": True,
    "supportsSetVariable": True, "supportsTerminateRequest": True,
    "exceptionBreakpointFilters": [{"filter": "errors", "label": "4D errors", "default": False}],
}
#: The thread id of the main 4D process before it ran its first line.
MAIN_THREAD = 1


class _Output:
    """sys.stdout/sys.stderr of the debugged program: DAP ``output`` events."""

    def __init__(self, server: "Server", category: str):
        self._server, self._category = server, category

    def write(self, text: str) -> int:
        if text:
            self._server.channel.event("output", {"category": self._category, "output": text})
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class Server:
    def __init__(self, channel: Channel):
        self.channel = channel
        self.debugger = dbg.Debugger(self._stopped, self._output)
        self.debugger.evaluate_hook = self._evaluate_in_frame
        self._program: threading.Thread | None = None
        self._launch = None
        self._configured = threading.Event()
        self._ended = threading.Event()
        self._frames: dict[int, tuple] = {}

    # ------------------------------------------------------------ the loop
    def serve(self) -> None:
        while True:
            message = self.channel.read()
            if message is None:
                break
            if message.get("type") != "request":
                continue
            handler = getattr(self, "on_" + message.get("command", ""), None)
            try:
                if handler is None:
                    self.channel.respond(message, error=f"'{message.get('command')}' is not supported")
                elif handler(message, message.get("arguments") or {}) is False:
                    break
            except Exception as exc:          # a request that fails says why; the server goes on
                self.channel.respond(message, error=str(exc) or type(exc).__name__)
        self._end_program()

    def _stopped(self, ident: int, reason: str, description: str) -> None:
        self.channel.event("stopped", {"reason": reason, "threadId": ident, "description": description,
                                       "allThreadsStopped": False})

    def _output(self, category: str, text: str) -> None:
        self.channel.event("output", {"category": category, "output": text})

    # ------------------------------------------------------------- session
    def on_initialize(self, request, arguments):
        self.channel.respond(request, CAPABILITIES)
        self.channel.event("initialized")

    def on_launch(self, request, arguments):
        program = arguments.get("program")
        if not program:
            raise ValueError("launch needs a 'program' (a .4dm file or a project folder)")
        cwd = arguments.get("cwd")
        if cwd:
            os.chdir(cwd)
        self._launch = (Path(program), [str(a) for a in arguments.get("args", [])], arguments.get("method"),
                        bool(arguments.get("stopOnEntry")))
        self.channel.respond(request)

    def on_setBreakpoints(self, request, arguments):
        path = os.path.realpath(arguments.get("source", {}).get("path", ""))
        placed = {}
        for spec in arguments.get("breakpoints", []):
            placed[spec["line"]] = dbg.Breakpoint(spec["line"], spec.get("condition", ""),
                                                  spec.get("hitCondition", ""), spec.get("logMessage", ""))
        self.debugger.breakpoints[path] = placed
        self.channel.respond(request, {"breakpoints": [{"verified": True, "line": line} for line in placed]})

    def on_setExceptionBreakpoints(self, request, arguments):
        self.debugger.break_on_errors = "errors" in arguments.get("filters", [])
        self.channel.respond(request)

    def on_configurationDone(self, request, arguments):
        self.channel.respond(request)
        if self._launch is not None and self._program is None:
            self._program = threading.Thread(target=self._run_program, name="4D main", daemon=True)
            self._program.start()

    def on_threads(self, request, arguments):
        threads = [{"id": state.ident, "name": state.name} for state in list(self.debugger.threads.values())]
        self.channel.respond(request, {"threads": threads or [{"id": MAIN_THREAD, "name": "Main (1)"}]})

    def on_disconnect(self, request, arguments):
        self._end_program()
        self.channel.respond(request)
        return False

    on_terminate = on_disconnect

    # ------------------------------------------------------------- running
    def _run_program(self) -> None:
        from fourd.runner import find_entry, report
        from fourd.runtime.scheduler import run_main

        target, args, method, stop_on_entry = self._launch
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Output(self, "stdout"), _Output(self, "stderr")
        status = 1
        try:
            try:
                _, entry, name = find_entry(target, method)
            except FourDSyntaxError as err:
                print(err.format(), file=sys.stderr)
                return
            if entry is None:
                print(f"fourd: no method '{name}' in {target}", file=sys.stderr)
                return

            def main_method():
                if stop_on_entry:
                    self.debugger.new_thread(mode="pause")
                try:
                    entry(None, *args)
                except Exception as exc:          # reported as fourd run reports it
                    report(with_location(exc))
            folder = target if target.is_dir() else target.parent
            if self.debugger.needed(folder.rglob("*.4dm"), stop_on_entry):
                self.debugger.start()
            status = run_main(main_method)
        finally:
            self.debugger.stop()
            sys.stdout, sys.stderr = saved
            self.channel.event("exited", {"exitCode": status})
            self.channel.event("terminated")
            self._ended.set()

    def _end_program(self) -> None:
        if self._program is not None and not self._ended.is_set():
            from fourd.runtime.scheduler import request_shutdown
            self.debugger.stop()
            request_shutdown(143)
            self._ended.wait(5)

    # ------------------------------------------------------- control flow
    def on_continue(self, request, arguments):
        self.debugger.resume(arguments["threadId"])
        self.channel.respond(request, {"allThreadsContinued": False})

    def _step(self, request, arguments, how):
        self.debugger.resume(arguments["threadId"], how)
        self.channel.respond(request)

    def on_next(self, request, arguments):
        self._step(request, arguments, "over")

    def on_stepIn(self, request, arguments):
        self._step(request, arguments, "in")

    def on_stepOut(self, request, arguments):
        self._step(request, arguments, "out")

    def on_pause(self, request, arguments):
        self.debugger.pause(arguments["threadId"])
        self.channel.respond(request)

    # ------------------------------------------------------------ inspecting
    def on_stackTrace(self, request, arguments):
        ident = arguments["threadId"]
        frames = []
        for frame, name, path, line in self.debugger.stack(ident):
            number = self.debugger.references.add(("frame", ident, frame))
            self._frames[number] = (ident, frame)
            frames.append({"id": number, "name": name, "line": line, "column": 1,
                           "source": {"name": Path(path).name, "path": os.path.realpath(path)}})
        self.channel.respond(request, {"stackFrames": frames, "totalFrames": len(frames)})

    def on_scopes(self, request, arguments):
        ident, frame = self._frames[arguments["frameId"]]
        state = self.debugger.threads[ident]
        add = self.debugger.references.add
        scopes = [{"name": "Locals", "variablesReference": add(("locals", frame)), "expensive": False}]
        this = frame.f_locals.get("this")
        if this is not None:
            scopes.append({"name": "This", "variablesReference": add(("value", this)), "expensive": False})
        if state.process is not None:
            scopes.append({"name": "Process variables", "variablesReference": add(("value", dict(state.process.vars))),
                           "expensive": False})
        scopes.append({"name": "Interprocess variables", "variablesReference": add(("value", dbg.interprocess())),
                       "expensive": False})
        self.channel.respond(request, {"scopes": scopes})

    def on_variables(self, request, arguments):
        item = self.debugger.references.get(arguments["variablesReference"])
        if item is None:
            raise ValueError("these variables are gone: the program ran on")
        parts = dbg.frame_locals(item[1]) if item[0] == "locals" else dict(dbg.children(item[1]) or [])
        self.channel.respond(request, {"variables": [self._variable(name, value) for name, value in parts.items()]})

    def _variable(self, name: str, value) -> dict:
        from fourd.repl.display import show
        inner = dbg.children(value)
        reference = self.debugger.references.add(("value", value)) if inner else 0
        return {"name": name, "value": value if isinstance(value, str) and name.startswith("[") else show(value),
                "type": type(value).__name__, "variablesReference": reference}

    def on_evaluate(self, request, arguments):
        frame_id = arguments.get("frameId")
        if frame_id not in self._frames:
            raise ValueError("evaluate needs a stopped frame")
        ident, frame = self._frames[frame_id]
        state = self.debugger.threads[ident]
        value = self.debugger.run_in(state, lambda: self._evaluate_in_frame(state, frame, arguments["expression"]))
        shown = self._variable("", value)
        self.channel.respond(request, {"result": shown["value"], "type": shown["type"],
                                       "variablesReference": shown["variablesReference"]})

    def on_setVariable(self, request, arguments):
        item = self.debugger.references.get(arguments["variablesReference"])
        ident, frame = next(((i, f) for i, f in self._frames.values()), (None, None))
        if item is None or frame is None:
            raise ValueError("no stopped frame")
        state = self.debugger.threads[ident]
        value = self.debugger.run_in(state, lambda: self._evaluate_in_frame(state, frame, arguments["value"]))
        name = arguments["name"]
        if item[0] == "locals":
            dbg.set_frame_local(item[1], name, value)
        elif isinstance(item[1], list) and name.startswith("["):
            item[1][int(name.strip("[]"))] = value
        else:
            item[1][name] = value
        self.channel.respond(request, self._variable(name, value))

    def _evaluate_in_frame(self, state, frame, source: str):
        """The value of the 4D expression *source* with *frame*'s locals (run
        in the frame's own thread, as a REPL entry whose variables are them)."""
        from .evaluation import evaluate
        return evaluate(frame, source)


def serve_stdio() -> int:
    channel = Channel(sys.stdin.buffer, sys.stdout.buffer)
    Server(channel).serve()
    return 0


def serve_socket(port: int) -> int:
    """Serve one client on 127.0.0.1:*port* (0: a free port, printed on stdout)."""
    with socket.create_server(("127.0.0.1", port)) as listener:
        print(f"fourd dap listening on 127.0.0.1:{listener.getsockname()[1]}", flush=True)
        connection, _ = listener.accept()
    with connection, connection.makefile("rb") as reader, connection.makefile("wb") as writer:
        Server(Channel(reader, writer)).serve()
    return 0
