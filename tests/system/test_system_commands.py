"""LAUNCH EXTERNAL PROCESS, SET ENVIRONMENT VARIABLE and the commands describing the
machine and the application (commands-legacy/*.md), on real programs."""
from __future__ import annotations

import getpass
import os
import socket
import subprocess
import sys
import time

import pytest
from commands.command_calls import Var, raises_code, run
from scratch_project import ScratchProject
from system_helpers import REPOSITORY, TIMEOUT, alerts, run_4d

from fourd.commands.registry import STAR
from fourd.runtime.errors import Codes
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED, Blob4D, Obj

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX programs (cat, sh)")


def ok() -> int:
    return current_process().vars["ok"]


def launch(command_line: str, *variables: Var):
    run("LAUNCH EXTERNAL PROCESS", command_line, *(variable.ref for variable in variables))


@posix_only
def test_streams_by_reference_keep_their_kind():
    stdin, stdout, stderr = Var("héllo"), Var(""), Var("")
    launch("sh -c 'cat; echo oops >&2'", stdin, stdout, stderr)
    assert (stdout.value, stderr.value, ok()) == ("héllo", "oops\n", 1)
    blob_out = Var(bytearray())
    launch("cat", Var(bytearray(b"\x00\xff\x01")), blob_out)
    assert blob_out.value == bytearray(b"\x00\xff\x01")


@posix_only
def test_ten_megabytes_byte_exact_through_cat():
    payload = os.urandom(10 << 20)
    stdout = Var(bytearray())
    launch("cat", Var(Blob4D(payload)), stdout)
    assert bytes(stdout.value) == payload


@posix_only
def test_pid_forms():
    pid = Var(0)
    launch("true", pid)
    assert pid.value > 0 and ok() == 1
    stdin, stdout, pid = Var(""), Var(""), Var(0)
    launch("echo hi", stdin, stdout, pid)
    assert (stdout.value, pid.value > 0) == ("hi\n", True)
    stdin, stdout, stderr, pid = Var(""), Var(""), Var(""), Var(0.0)
    launch("echo hi", stdin, stdout, stderr, pid)
    assert pid.value > 0


@posix_only
def test_a_program_that_cannot_start_sets_ok_to_zero_without_error():
    stdout, pid = Var("unchanged"), Var(0)
    launch("/no/such/program", Var(""), stdout, pid)
    assert (ok(), stdout.value, pid.value) == (0, "unchanged", 0)
    launch("cat 'unbalanced", Var(""))
    assert ok() == 0


@posix_only
def test_current_directory_and_variables_apply_to_the_next_launch_only(tmp_path):
    run("SET ENVIRONMENT VARIABLE", "_4D_OPTION_CURRENT_DIRECTORY", str(tmp_path))
    run("SET ENVIRONMENT VARIABLE", "_4D_OPTION_HIDE_CONSOLE", "true")
    run("SET ENVIRONMENT VARIABLE", "FOURD_TEST_VARIABLE", "a value")
    stdout = Var("")
    launch("sh -c 'pwd; echo \"[$FOURD_TEST_VARIABLE]\"'", Var(""), stdout)
    assert stdout.value == f"{tmp_path}\n[a value]\n"
    launch("sh -c 'pwd; echo \"[$FOURD_TEST_VARIABLE]\"'", Var(""), stdout)
    assert stdout.value == f"{os.getcwd()}\n[]\n"
    assert "FOURD_TEST_VARIABLE" not in os.environ


@posix_only
def test_an_empty_value_resets_a_variable():
    run("SET ENVIRONMENT VARIABLE", "FOURD_TEST_VARIABLE", "set")
    run("SET ENVIRONMENT VARIABLE", "FOURD_TEST_VARIABLE", "")
    stdout = Var("")
    launch("sh -c 'echo \"[$FOURD_TEST_VARIABLE]\"'", Var(""), stdout)
    assert stdout.value == "[]\n"


@posix_only
def test_non_blocking_returns_at_once_and_leaves_the_streams(tmp_path):
    marker = tmp_path / "done"
    run("SET ENVIRONMENT VARIABLE", "_4D_OPTION_BLOCKING_EXTERNAL_PROCESS", "false")
    stdout, pid = Var("untouched"), Var(0)
    started = time.monotonic()
    launch(f"sh -c 'sleep 0.5; cat > {marker}'", Var("from stdin"), stdout, pid)
    assert time.monotonic() - started < 0.4
    assert (stdout.value, ok(), pid.value > 0) == ("untouched", 1, True)
    deadline = time.monotonic() + 10
    while not (marker.exists() and marker.read_text() == "from stdin") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.read_text() == "from stdin"


def test_set_environment_variable_rejects_bad_names():
    raises_code(Codes.TYPE_MISMATCH, "SET ENVIRONMENT VARIABLE", "A=B", "x")


def test_platform_machine_and_user():
    assert run("Is macOS") is (sys.platform == "darwin")
    assert run("Is Windows") is (os.name == "nt")
    assert run("Current machine") == socket.gethostname()
    assert run("Current system user") == getpass.getuser()


def test_get_system_info_has_the_documented_properties():
    info = run("Get system info")
    assert isinstance(info, Obj)
    for name in ("accountName", "userName", "machineName", "osVersion", "osLanguage", "processor",
                 "model", "networkInterfaces", "volumes"):
        assert name in info
    assert info["cores"] >= 1 and info["cpuThreads"] >= info["cores"]
    assert info["physicalMemory"] > 0 and info["uptime"] > 0 and info["macRosetta"] is False
    assert info["accountName"] == getpass.getuser()
    for volume in info["volumes"]:
        assert volume["capacity"] >= volume["available"] >= 0


def test_application():
    assert run("Application type") == 6
    build = Var(UNDEFINED)
    assert run("Application version", build.ref) == "2100" and build.value == 0
    assert run("Application version", build.ref, STAR) == "F0002100"
    assert run("Application version", STAR) == "F0002100"
    assert run("Is compiled mode") is False


def test_application_version_star_and_paths_in_4d(tmp_path):
    lines = alerts(tmp_path, """
        ALERT(Application version(*)+" "+String(Application type=tool4d))
        ALERT(Structure file)
        ALERT(Data file)
        ALERT(String(Get database parameter(Is current database a project))+String(Get database parameter(Is host database a project)))
    """)
    assert lines == ["F0002100 True", str(tmp_path / "Project" / f"{tmp_path.name}.4DProject"),
                     str(tmp_path / "Data" / "data.4DD"), "11"]


def test_structure_file_is_the_project_file_found(tmp_path):
    (tmp_path / "Project").mkdir()
    (tmp_path / "Project" / "Shop.4DProject").write_text("{}")
    lines = alerts(tmp_path, "ALERT(Structure file)")
    assert lines == [str(tmp_path / "Project" / "Shop.4DProject")]


def test_database_parameters_headless(tmp_path):
    lines = alerts(tmp_path, """
        var $text : Text
        ALERT(String(Get database parameter(Debug log recording))+" "+String(Get database parameter(Dates inside objects)))
        SET DATABASE PARAMETER(Debug log recording; 0)
        SET DATABASE PARAMETER(Dates inside objects; Date type)
        SET DATABASE PARAMETER(Circular log limitation; 7)
        ALERT(String(Get database parameter(Circular log limitation)))
        SET DATABASE PARAMETER(Log command list; "277;341")
        ALERT(String(Get database parameter(Log command list; $text))+" "+$text)
        Try
            SET DATABASE PARAMETER(Diagnostic log recording; 1)
        Catch
            ALERT(String(Last errors[0].errCode)+" "+Last errors[0].message)
        End try
        Try
            SET DATABASE PARAMETER(Dates inside objects; String type without time zone)
        Catch
            ALERT(Last errors[0].message)
        End try
        Try
            $text:=String(Get database parameter(13))
        Catch
            ALERT(Last errors[0].message)
        End try
        Try
            SET DATABASE PARAMETER(Is current database a project; 0)
        Catch
            ALERT(String(Last errors[0].errCode))
        End try
    """)
    assert lines[0] == "0 2"
    assert lines[1] == "7"
    assert lines[2] == "0 277;341"
    assert lines[3] == f"{Codes.UNSUPPORTED_COMMAND} SET DATABASE PARAMETER: fourd does not write the " \
                       "Diagnostic log recording file"
    assert lines[4] == "SET DATABASE PARAMETER: Dates inside objects can only be 2 in fourd"
    assert lines[5].startswith("Get database parameter: selector 13 is not available headless")
    assert lines[6] == str(Codes.TYPE_MISMATCH)


def test_application_info():
    info = run("Application info")
    assert info["headless"] is True and info["launchedAsService"] is False
    assert info["pid"] == os.getpid() and info["uptime"] >= 0 and info["cpuUsage"] >= 0


def test_former_command_names_find_the_current_command(tmp_path):
    """Get system info was renamed System info (4D 21): both names run it."""
    lines = alerts(tmp_path, "ALERT(String(Get system info.cpuThreads=System info.cpuThreads))")
    assert lines == ["True"]


def test_quit_4d_stops_the_process_and_ends_the_run(tmp_path):
    done = run_4d(tmp_path, """
        var $w : 4D.SystemWorker
        $w:=4D.SystemWorker.new("sleep 30"; {onTerminate: Formula(ALERT("worker terminated"))})
        ALERT("before")
        QUIT 4D
        ALERT("not reached")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (0, "before\nworker terminated\n", "")


def test_user_param_value_is_the_runs_user_param(tmp_path):
    project = ScratchProject(tmp_path)
    project.method("main", """
        var $param : Text
        ALERT(String(Get database parameter(User param value; $param))+" ["+$param+"]")
    """)
    command = [sys.executable, "-m", "fourd", "run", str(tmp_path), "--method", "main"]
    plain = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=REPOSITORY)
    given = subprocess.run([*command, "--user-param", '{"stage":"compile"}'], capture_output=True, text=True,
                           timeout=TIMEOUT, cwd=REPOSITORY)
    assert plain.stdout == "0 []\n", plain.stderr
    assert given.stdout == '0 [{"stage":"compile"}]\n', given.stderr
