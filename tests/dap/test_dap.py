"""``fourd dap`` driven by a DAP client (tests/dap/client.py) over stdio and
over a loopback socket: breakpoints stop at the right 4D line, variables
are read and expanded, expressions evaluated, steps go into, over and out
of a method and a class function, conditions and logpoints, TRACE, 4D
errors, and the run ends with exited/terminated."""
from pathlib import Path

import pytest

from .client import Client

MAIN = """\
var $total : Integer
var $p : cs.Point
$total:=double(3)
$p:=cs.Point.new(1; 2)
$total:=$total+$p.sum()
ALERT("total "+String($total))
"""
DOUBLE = """\
#DECLARE($n : Integer) : Integer
var $r : Integer
$r:=$n*2
return $r
"""
POINT = """\
property x : Real
property y : Real
Class constructor($x : Real; $y : Real)
	This.x:=$x
	This.y:=$y
Function sum() : Real
	return This.x+This.y
"""
LOOP = """\
var $i : Integer
var $seen : Collection
$seen:=[]
For ($i; 1; 5)
	$seen.push($i)
End for
TRACE
ALERT("after trace")
"""
FAILING = """\
var $x : Integer
$x:=1
ASSERT($x=2; "x is not 2")
ALERT("not reached")
"""


@pytest.fixture
def project(tmp_path):
    sources = tmp_path / "Project" / "Sources"
    for name, text in {"Methods/main.4dm": MAIN, "Methods/double.4dm": DOUBLE, "Classes/Point.4dm": POINT,
                       "Methods/loop.4dm": LOOP, "Methods/failing.4dm": FAILING}.items():
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        (sources / name).write_text(text)
    return tmp_path


@pytest.fixture(params=["stdio", "socket"])
def client(request):
    client = Client.over_stdio() if request.param == "stdio" else Client.over_socket()
    yield client
    client.process.kill()
    client.process.wait(5)


def start(client, project, method, breakpoints, **launch):
    """initialize, launch, breakpoints in *method*'s file, configurationDone."""
    client.request("initialize", adapterID="fourd")
    client.wait_for("initialized")
    client.request("launch", program=str(project), method=method, **launch)
    for file, specs in breakpoints.items():
        client.request("setBreakpoints", source={"path": str(project / "Project" / "Sources" / file)},
                       breakpoints=specs)
    client.request("configurationDone")


def where(client, thread):
    return [(frame["name"], frame["line"]) for frame in client.request("stackTrace", threadId=thread)["stackFrames"]]


def frame_id(client, thread):
    return client.request("stackTrace", threadId=thread)["stackFrames"][0]["id"]


def locals_of(client, thread):
    scopes = client.request("scopes", frameId=frame_id(client, thread))["scopes"]
    assert scopes[0]["name"] == "Locals"
    variables = client.request("variables", variablesReference=scopes[0]["variablesReference"])["variables"]
    return {v["name"]: v for v in variables}


def step(client, thread, how):
    client.request(how, threadId=thread)
    assert client.wait_for("stopped")["reason"] == "step"


def end(client):
    assert client.wait_for("exited")["exitCode"] == 0
    client.wait_for("terminated")
    client.request("disconnect")
    assert client.process.wait(20) == 0


def test_breakpoint_variables_evaluate_and_steps(client, project):
    start(client, project, "main", {"Methods/main.4dm": [{"line": 3}]})
    stopped = client.wait_for("stopped")
    thread = stopped["threadId"]
    assert stopped["reason"] == "breakpoint"
    assert client.request("threads")["threads"][0]["name"] == "Main (1)"
    assert where(client, thread) == [("main", 3)]
    assert locals_of(client, thread)["$total"]["value"] == "0"

    step(client, thread, "stepIn")                         # into the project method
    assert where(client, thread) == [("double", 2), ("main", 3)]
    step(client, thread, "next")
    assert where(client, thread)[0] == ("double", 3)
    result = client.request("evaluate", expression="$n*10", frameId=frame_id(client, thread))
    assert result["result"] == "30"
    step(client, thread, "stepOut")                        # back in main, after the call
    assert where(client, thread)[0][0] == "main"
    while where(client, thread)[0][1] < 5:
        step(client, thread, "next")
    step(client, thread, "stepIn")                         # into the class function
    assert where(client, thread)[0] == ("Point.sum", 7)
    scopes = client.request("scopes", frameId=frame_id(client, thread))["scopes"]
    this = next(scope for scope in scopes if scope["name"] == "This")
    fields = client.request("variables", variablesReference=this["variablesReference"])["variables"]
    assert {(v["name"], v["value"]) for v in fields} == {("x", "1"), ("y", "2")}
    client.request("continue", threadId=thread)
    end(client)
    assert "total 9\n" in client.output


def test_conditions_hit_counts_logpoints_and_expanding_collections(client, project):
    start(client, project, "loop", {"Methods/loop.4dm": [{"line": 5, "condition": "$i=4"}]})
    stopped = client.wait_for("stopped")
    thread = stopped["threadId"]
    variables = locals_of(client, thread)
    assert variables["$i"]["value"] == "4"
    items = client.request("variables", variablesReference=variables["$seen"]["variablesReference"])["variables"]
    assert [(v["name"], v["value"]) for v in items] == [("[0]", "1"), ("[1]", "2"), ("[2]", "3")]
    client.request("setVariable", variablesReference=client.request(
        "scopes", frameId=frame_id(client, thread))["scopes"][0]["variablesReference"], name="$i", value="40+2")
    assert client.request("evaluate", expression="$i", frameId=frame_id(client, thread))["result"] == "42"
    client.request("continue", threadId=thread)
    traced = client.wait_for("stopped")                    # TRACE stops like a breakpoint
    assert traced["description"] == "TRACE"
    assert where(client, thread)[0] == ("loop", 7)
    client.request("continue", threadId=thread)
    end(client)


def test_logpoints_and_hit_counts(client, project):
    start(client, project, "loop", {"Methods/loop.4dm": [{"line": 5, "logMessage": "i is {$i}"},
                                                          {"line": 8, "hitCondition": "1"}]})
    thread = client.wait_for("stopped")["threadId"]
    assert where(client, thread)[0] == ("loop", 7)          # TRACE first
    client.request("continue", threadId=thread)
    assert client.wait_for("stopped")["reason"] == "breakpoint"
    assert where(client, thread)[0] == ("loop", 8)
    logged = [text for text in client.output if text.startswith("i is ")]
    assert logged[:5] == [f"i is {i}\n" for i in range(1, 6)]
    client.request("continue", threadId=thread)
    end(client)


def test_stop_on_4d_errors_and_on_entry(client, project):
    client.request("initialize", adapterID="fourd")
    client.wait_for("initialized")
    client.request("launch", program=str(project), method="failing", stopOnEntry=True)
    client.request("setExceptionBreakpoints", filters=["errors"])
    client.request("configurationDone")
    entry = client.wait_for("stopped")
    assert entry["reason"] == "pause"
    thread = entry["threadId"]
    assert where(client, thread) == [("failing", 1)]
    client.request("continue", threadId=thread)
    error = client.wait_for("stopped")
    assert error["reason"] == "exception" and error["description"].startswith("Error -10518")
    assert where(client, thread) == [("failing", 3)]
    client.request("continue", threadId=thread)
    assert client.wait_for("exited")["exitCode"] == 0
    assert any("x is not 2" in text for text in client.output)
    client.request("disconnect")


def test_a_program_without_breakpoints_runs_to_the_end(client, project):
    start(client, project, "main", {})
    end(client)
    assert "total 9\n" in client.output
