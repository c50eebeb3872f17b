"""4D.SystemWorker against real programs (API/SystemWorkerClass.md): cat, sh, Python scripts.

4D code runs through the CLI; the byte-exact 10 MB round trip and the
folder-object current directory are driven from Python inside ``run_main``.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time

import pytest
from net.tcp_helpers import call, formula, prop, run
from system_helpers import alerts, run_4d

from fourd.api.system_worker import new_system_worker, parse_command_line
from fourd.runtime.values import UNDEFINED, Blob4D, Obj

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX programs (cat, sh)")

PYTHON = sys.executable


def test_post_message_close_input_and_properties(tmp_path):
    lines = alerts(tmp_path, """
        var $w : 4D.SystemWorker
        $w:=4D.SystemWorker.new("cat")
        $w.postMessage("hello ")
        $w.postMessage("wörld")
        $w.closeInput()
        ALERT($w.wait(10).response)
        ALERT(String($w.exitCode)+" "+String($w.terminated)+" "+String($w.pid>0)+" "+$w.commandLine)
        ALERT($w.dataType+" "+$w.encoding+" "+String($w.errors.length)+" "+String(OB Instance of($w; 4D.SystemWorker)))
        ALERT($w.responseError+"|"+String($w.hideWindow))
    """)
    assert lines == ["hello wörld", "0 True True cat", "text UTF-8 0 True", "|True"]


def test_callbacks_in_documented_order_with_this_the_options(tmp_path):
    lines = alerts(tmp_path, """
        var $options : cs.Params
        var $w : 4D.SystemWorker
        $options:=cs.Params.new()
        $w:=4D.SystemWorker.new("sh -c 'printf out; printf err >&2; exit 3'"; $options)
        $w.wait()
        ALERT($options.log.join(","))
        ALERT($options.data+"|"+$options.dataError+"|"+String($w.exitCode))
    """, classes={"Params": """
        Class constructor
            This.log:=[]
            This.data:=""
            This.dataError:=""
        Function onData($worker : 4D.SystemWorker; $event : Object)
            This.log.push("data")
            This.data+=$event.data
        Function onDataError($worker : 4D.SystemWorker; $event : Object)
            This.log.push("dataError:"+$event.type)
            This.dataError+=$event.data
        Function onResponse($worker : 4D.SystemWorker; $event : Object)
            This.log.push($event.type+":"+$worker.response)
        Function onError($worker : 4D.SystemWorker; $event : Object)
            This.log.push("error")
        Function onTerminate($worker : 4D.SystemWorker; $event : Object)
            This.log.push($event.type)
    """})
    log = lines[0].split(",")
    assert log[-2:] == ["response:out", "termination"]
    assert sorted(log[:-2]) == ["data", "dataError:error"]
    assert lines[1] == "out|err|3"


def test_the_run_stays_alive_until_on_terminate(tmp_path):
    """No wait(): the main method ends, the worker finishes while the process serves its loop."""
    lines = alerts(tmp_path, """
        var $w : 4D.SystemWorker
        $w:=4D.SystemWorker.new("sh -c 'sleep 0.3; echo late'"; {onTerminate: Formula(ALERT("ended: "+$1.response))})
        ALERT("main done")
    """)
    assert lines == ["main done", "ended: late", ""]


def test_a_missing_program_is_a_catchable_error_and_null(tmp_path):
    lines = alerts(tmp_path, """
        var $w : 4D.SystemWorker
        $w:=Try(4D.SystemWorker.new("/no/such/program --flag"))
        ALERT(String($w=Null)+" "+String(Last errors[0].errCode)+" "+Last errors[0].componentSignature)
        ALERT(Last errors[0].message)
        $w:=Try(4D.SystemWorker.new("no-such-program-anywhere"))
        ALERT(String($w=Null))
        $w:=Try(4D.SystemWorker.new("cat \\"unbalanced"))
        ALERT(String($w=Null)+" "+Last errors[0].message)
        $w:=Try(4D.SystemWorker.new("cat"; {currentDirectory: "/no/such/folder"}))
        ALERT(String($w=Null))
    """)
    assert lines[0] == "True 2 SystemWorker"
    assert "/no/such/program" in lines[1]
    assert lines[2] == "True"
    assert lines[3].startswith("True Invalid command line")
    assert lines[4] == "True"


def test_timeout_kills_the_program_as_an_error(tmp_path):
    started = time.monotonic()
    lines = alerts(tmp_path, """
        var $w : 4D.SystemWorker
        var $log : Collection
        $log:=[]
        $w:=4D.SystemWorker.new("sleep 30"; {timeout: 0.3; \\
            onError: Formula($log.push("error")); onResponse: Formula($log.push("response")); \\
            onTerminate: Formula($log.push("terminate"))})
        $w.wait()
        ALERT($log.join(",")+" "+String($w.timeout)+" "+String(Undefined($w.exitCode))+" "+String($w.errors.length))
    """)
    assert lines == ["error,terminate 0.3 True 1"]
    assert time.monotonic() - started < 20


def test_wait_with_a_timeout_does_not_kill_then_terminate(tmp_path):
    lines = alerts(tmp_path, """
        var $w : 4D.SystemWorker
        var $start : Integer
        $w:=4D.SystemWorker.new("sleep 30")
        $start:=Milliseconds
        $w.wait(0.2)
        ALERT(String($w.terminated)+" "+String((Milliseconds-$start)>=150))
        $w.terminate()
        $w.wait(10)
        ALERT(String($w.terminated)+" "+String(Undefined($w.exitCode))+" "+String($w.errors.length))
    """)
    assert lines == ["False True", "True True 0"]


def test_terminate_from_a_callback_ends_wait(tmp_path):
    """"You can exit from a .wait() by calling terminate() from a callback"."""
    lines = alerts(tmp_path, """
        var $w : 4D.SystemWorker
        $w:=4D.SystemWorker.new("sh -c 'echo ready; sleep 30; echo never'"; {onData: Formula($1.terminate())})
        $w.wait(20)
        ALERT(String($w.terminated)+" "+Trim($w.response))
    """)
    assert lines == ["True ready"]


def test_current_directory_and_variables(tmp_path):
    folder = tmp_path / "work dir"
    folder.mkdir()
    lines = alerts(tmp_path, f"""
        var $w : 4D.SystemWorker
        $w:=4D.SystemWorker.new("sh -c 'pwd; echo \\"$GREETING $COUNT\\"; echo ${{PATH:+has path}}'"; \\
            {{currentDirectory: "{folder}"; variables: {{GREETING: "hi there"; COUNT: 3}}}})
        ALERT($w.wait(10).response)
        ALERT($w.currentDirectory)
    """)
    assert lines == [str(folder), "hi there 3", "has path", "", str(folder)]


def test_blob_data_type_and_encoding(tmp_path):
    lines = alerts(tmp_path, r"""
        var $w : 4D.SystemWorker
        var $blob : Blob
        $w:=4D.SystemWorker.new("printf '\\351t\\351'"; {encoding: "ISO-8859-1"})
        ALERT($w.wait(10).response)
        $w:=4D.SystemWorker.new("printf '\\351t\\351'"; {dataType: "blob"})
        $blob:=$w.wait(10).response
        ALERT(String(BLOB size($blob))+" "+String($blob{0})+" "+String(Undefined($w.encoding))+" "+$w.dataType)
    """)
    assert lines == ["été", "3 233 True blob"]


def test_text_split_inside_a_character_is_decoded_whole(tmp_path):
    """onData gets text decoded across chunks: a character cut between two writes arrives whole."""
    script = tmp_path / "split.py"
    script.write_text("import sys, time\nout = sys.stdout.buffer\n"
                      "out.write(b'\\xc3'); out.flush(); time.sleep(0.2)\n"
                      "out.write(b'\\xa9!'); out.flush()\n")
    lines = alerts(tmp_path, f"""
        var $chunks : Collection
        var $w : 4D.SystemWorker
        $chunks:=[]
        $w:=4D.SystemWorker.new("{PYTHON} {script}"; {{onData: Formula($chunks.push($2.data))}})
        $w.wait(10)
        ALERT($chunks.join("")+" "+$w.response)
    """)
    assert lines == ["é! é!"]


def test_ten_megabytes_through_stdin_and_stdout_byte_exact():
    """10 MB of random bytes posted to cat as a 4D.Blob come back identical."""
    payload = os.urandom(10 << 20)
    seen = {}

    def entry():
        worker = new_system_worker("cat", Obj(dataType="blob"))
        call(worker, "postMessage", Blob4D(payload))
        call(worker, "closeInput")
        call(worker, "wait", 60.0)
        seen["response"] = prop(worker, "response")
        seen["exit"] = prop(worker, "exitCode")

    run(entry, timeout=60)
    assert isinstance(seen["response"], Blob4D)
    assert hashlib.sha256(seen["response"].data).digest() == hashlib.sha256(payload).digest()
    assert seen["exit"] == 0


def test_ten_megabytes_of_text_through_a_python_script():
    """A Python script reads all of stdin and writes it back with "a" made "A", in pieces."""
    text = "ab€\n" * (10 << 18)      # 10 MB of UTF-8
    script = ("import sys\ndata = sys.stdin.buffer.read()\n"
              "data = data.replace(b'a', b'A')\n"
              "for i in range(0, len(data), 65536): sys.stdout.buffer.write(data[i:i + 65536])\n")
    seen = {"chunks": 0}

    def on_data(worker, event):
        seen["chunks"] += 1

    def entry():
        worker = new_system_worker(f"{PYTHON} -c \"{script}\"", Obj(onData=formula(on_data)))
        call(worker, "postMessage", text)
        call(worker, "closeInput")
        call(worker, "wait")
        seen["response"] = prop(worker, "response")

    run(entry, timeout=60)
    assert seen["response"] == text.replace("a", "A")
    assert seen["chunks"] > 1


class FolderLike:
    """Stands for a 4D.Folder: any object with ``__fspath__`` is a current directory."""

    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return str(self.path)


def test_current_directory_given_as_a_folder_object(tmp_path):
    seen = {}

    def entry():
        worker = new_system_worker("pwd", Obj(currentDirectory=FolderLike(tmp_path)))
        seen["response"] = prop(call(worker, "wait", 10.0), "response")
        seen["folder"] = prop(worker, "currentDirectory")

    run(entry, timeout=20)
    assert seen["response"] == f"{tmp_path}\n"
    assert isinstance(seen["folder"], FolderLike)


def test_kill_worker_terminates_the_programs_of_the_worker(tmp_path):
    lines = alerts(tmp_path, """
        CALL WORKER("w"; Formula(4D.SystemWorker.new("sleep 30"; {onTerminate: Formula(CALL WORKER(1; Formula(ALERT("terminated"))))})))
        DELAY PROCESS(Current process; 20)
        KILL WORKER("w")
    """)
    assert lines == ["terminated"]


@pytest.mark.parametrize("line, argv", [
    ("cat", ["cat"]),
    ("  /bin/ls   -l  /Users ", ["/bin/ls", "-l", "/Users"]),
    ('gzip "C:\\\\Program Files\\\\x" -c', ["gzip", "C:\\Program Files\\x", "-c"]),
    ("sh -c 'echo a  b; exit 3'", ["sh", "-c", "echo a  b; exit 3"]),
    ('printf "say \\"hi\\""', ["printf", 'say "hi"']),
    ("ls my\\ file $HOME *.txt | wc", ["ls", "my file", "$HOME", "*.txt", "|", "wc"]),
    ('cmd "" x', ["cmd", "", "x"]),
])
def test_command_line_split_without_a_shell(line, argv):
    assert parse_command_line(line) == argv


def test_unbalanced_quote_is_rejected():
    with pytest.raises(ValueError):
        parse_command_line("cat 'open")


def test_exit_code_is_undefined_until_the_program_ends():
    seen = {}

    def entry():
        worker = new_system_worker("sleep 30")
        seen["running"] = (prop(worker, "exitCode"), prop(worker, "terminated"))
        call(worker, "terminate")
        call(worker, "wait", 10.0)
        seen["killed"] = (prop(worker, "exitCode"), prop(worker, "terminated"))

    run(entry, timeout=20)
    assert seen["running"] == (UNDEFINED, False)
    assert seen["killed"] == (UNDEFINED, True)


def test_no_shell_is_involved(tmp_path):
    """Shell syntax reaches the program as plain arguments: nothing is expanded or redirected."""
    done = run_4d(tmp_path, """
        var $w : 4D.SystemWorker
        $w:=4D.SystemWorker.new("echo $HOME > out.txt ; `id`")
        ALERT($w.wait(10).response)
    """)
    assert done.stdout == "$HOME > out.txt ; `id`\n\n"
    assert not (tmp_path / "out.txt").exists()
