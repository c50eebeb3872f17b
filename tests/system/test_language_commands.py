"""The long tail of language commands that need no UI and no database:
Choose, CLEAR VARIABLE, ABORT, assertions, pointers, OB Get type, methods run
by name or text, the call chain, the project's methods, system formats, the
modifier keys and the pasteboard. 4D code runs through the CLI."""
from __future__ import annotations

from system_helpers import alerts, run_4d

from fourd.runtime.errors import Codes


def test_choose(tmp_path):
    assert alerts(tmp_path, """
        ALERT(Choose(True; "a"; "b")+Choose(False; "a"; "b")+Choose(2; "x"; "y"; "z"))
        ALERT("["+Choose(7; "x"; "y")+"]"+String(Choose(-1; 1; 2))+String(Choose(1.0; 10; 20)))
        var $count : Integer
        $count:=Choose(True; 1; 2)+Choose(0; Formula($count).call(); 0)
        ALERT(String($count))
    """) == ["abz", "[]020", "1"]


def test_clear_variable_gives_the_empty_value_of_the_type(tmp_path):
    assert alerts(tmp_path, """
        var $t : Text
        var $n : Integer
        var $r : Real
        var $d : Date
        var $o : Object
        var $c : Collection
        $t:="abc"
        $n:=5
        $r:=1.5
        $d:=Current date
        $o:={a: 1}
        $c:=[1]
        CLEAR VARIABLE($t)
        CLEAR VARIABLE($n)
        CLEAR VARIABLE($r)
        CLEAR VARIABLE($d)
        CLEAR VARIABLE($o)
        CLEAR VARIABLE($c)
        ALERT("["+$t+"]"+String($n)+String($r)+String($d=!00-00-00!)+String($o=Null)+String($c=Null))
        ARRAY TEXT($names; 3)
        CLEAR VARIABLE($names)
        ALERT(String(Size of array($names)))
    """) == ["[]00TrueTrueTrue", "0"]


def test_abort_stops_the_method_without_error(tmp_path):
    done = run_4d(tmp_path, """
        ALERT("before")
        Try
            ABORT
        Catch
            ALERT("caught")
        End try
        ALERT("after")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (0, "before\n", "")


def test_set_assert_enabled(tmp_path):
    lines = alerts(tmp_path, """
        ALERT(String(Get assert enabled))
        SET ASSERT ENABLED(False)
        ASSERT(False; "ignored")
        ALERT(String(Get assert enabled)+String(Asserted(False)))
        CALL WORKER("other"; Formula(CALL WORKER(1; Formula(ALERT("worker: "+String($1))); Get assert enabled)))
        DELAY PROCESS(Current process; 30)
        SET ASSERT ENABLED(True; *)
        Try
            ASSERT(1=2; "checked again")
        Catch
            ALERT(String(Last errors[0].errCode)+" "+Last errors[0].message)
        End try
    """)
    # The worker's answer is served once the main method has ended.
    assert lines == ["True", "FalseFalse", f"{Codes.ASSERT_FAILED} Assert failed: checked again", "worker: True"]


def test_pointers_and_property_types(tmp_path):
    assert alerts(tmp_path, """
        var $t; $name : Text
        var $table; $field : Integer
        var $p : Pointer
        $p:=->$t
        RESOLVE POINTER($p; $name; $table; $field)
        ALERT($name+" "+String($table)+" "+String($field)+" "+String(Is a variable($p)))
        $p:=Null
        RESOLVE POINTER($p; $name; $table; $field)
        ALERT("["+$name+"] "+String($table)+" "+String($field)+" "+String(Is a variable($p)))
        ALERT(String(OB Get type({a: 1; b: "x"; c: Null; d: []}; "a"))+","+String(OB Get type({a: 1}; "b"))+","+\\
            String(OB Get type({c: Null}; "c"))+","+String(OB Get type({d: []}; "d"))+","+String(OB Get type({b: "x"}; "b")))
    """) == ["$t -1 0 True", "[] 0 0 False", "1,5,255,42,2"]


def test_execute_method_and_formula(tmp_path):
    from scratch_project import ScratchProject
    ScratchProject(tmp_path).method("double", """
        #DECLARE($text : Text) : Text
        return $text+$text
    """)
    ScratchProject(tmp_path).method("shout", """
        ALERT("shout")
    """)
    lines = alerts(tmp_path, """
        var $result : Text
        EXECUTE METHOD("double"; $result; "ab")
        ALERT($result)
        EXECUTE METHOD("shout")
        EXECUTE METHOD("shout"; *)
        EXECUTE FORMULA("ALERT(\\"formula \\"+String(1+1))")
        EXECUTE FORMULA("vShared:=42")
        ALERT(String(vShared))
        Try
            EXECUTE METHOD("noSuchMethod")
        Catch
            ALERT(String(Last errors[0].errCode))
        End try
    """)
    assert lines == ["abab", "shout", "shout", "formula 2", "42", str(Codes.UNKNOWN_METHOD)]


def test_call_chain_and_method_path(tmp_path):
    from scratch_project import ScratchProject
    project = ScratchProject(tmp_path)
    project.cls("Greeter", """
        Function hello()
            helper()
    """)
    project.method("helper", """
        var $f : 4D.Function
        $f:=Formula(report)
        $f.call()
    """)
    project.method("report", """
        var $step : Object
        For each ($step; Get call chain)
            ALERT($step.type+" "+$step.name+" "+String($step.line)+" "+$step.database)
        End for each
        ALERT(Current method path)
    """)
    lines = alerts(tmp_path, """
        cs.Greeter.new().hello()
        ALERT(Current method path)
    """)
    database = tmp_path.name
    assert lines == [f"projectMethod report 2 {database}", f"projectMethod helper 3 {database}",
                     f"classFunction Greeter.hello 2 {database}", f"projectMethod main 1 {database}",
                     "report", "main"]


def test_method_paths_and_code(tmp_path):
    from scratch_project import ScratchProject
    project = ScratchProject(tmp_path)
    project.method("alpha", "ALERT(1)")
    project.cls("Beta", "Function go()")
    project._write("DatabaseMethods", "onStartup", "// start")
    (project.sources / "folders.json").write_text('{"tools": {"methods": ["alpha"], "groups": ["deeper"]}, '
                                                  '"deeper": {"classes": ["Beta"]}}')
    lines = alerts(tmp_path, """
        ARRAY TEXT($paths; 0)
        METHOD GET PATHS(Path all objects; $paths; *)
        ALERT(String(Size of array($paths))+": "+$paths{1}+", "+$paths{2}+", "+$paths{3}+", "+$paths{4})
        METHOD GET PATHS(Path class+Path database method; $paths)
        ALERT($paths{1}+", "+$paths{2})
        METHOD GET PATHS("tools"; Path all objects; $paths)
        ALERT(String(Size of array($paths))+": "+$paths{1}+", "+$paths{2})
        ARRAY TEXT($folders; 0)
        METHOD GET FOLDERS($folders)
        ALERT($folders{1}+", "+$folders{2})
        var $code : Text
        METHOD GET CODE("[class]/Beta"; $code)
        ALERT($code)
        METHOD GET CODE(METHOD Get path(Path project method; "alpha"); $code)
        ALERT($code)
        Try
            METHOD GET CODE("[class]/Nope"; $code)
        Catch
            ALERT("no such path")
        End try
    """)
    assert lines == ["4: alpha, main, [databaseMethod]/onStartup, [class]/Beta",
                     "[databaseMethod]/onStartup, [class]/Beta", "2: alpha, [class]/Beta", "deeper, tools",
                     "Function go()", "", "ALERT(1)", "", "no such path"]


def test_system_formats_and_modifier_keys(tmp_path):
    assert alerts(tmp_path, """
        var $t; $all : Text
        GET SYSTEM FORMAT(Decimal separator; $t)
        $all:=$t
        GET SYSTEM FORMAT(Thousand separator; $t)
        $all:=$all+$t
        GET SYSTEM FORMAT(Date separator; $t)
        $all:=$all+$t
        GET SYSTEM FORMAT(Time separator; $t)
        $all:=$all+$t
        GET SYSTEM FORMAT(Short date month position; $t)
        ALERT($all+$t+" "+String(!2023-11-27!))
        ALERT(String(Shift down | Caps lock down | Macintosh option down | Macintosh command down | \\
            Macintosh control down | Windows Alt down | Windows Ctrl down))
    """) == [".,/:1 11/27/2023", "False"]


def test_pasteboard_starts_empty(tmp_path):
    assert alerts(tmp_path, """
        var $blob : Blob
        ALERT("["+Get text from pasteboard+"]"+String(OK)+" "+String(Pasteboard data size("TEXT")))
        SET TEXT TO PASTEBOARD("copied")
        ALERT(Get text from pasteboard+" "+String(OK)+" "+String(Pasteboard data size("TEXT")))
        TEXT TO BLOB("raw"; $blob; UTF8 text without length)
        APPEND DATA TO PASTEBOARD("com.example.raw"; $blob)
        SET BLOB SIZE($blob; 0)
        GET PASTEBOARD DATA("com.example.raw"; $blob)
        ALERT(BLOB to text($blob; UTF8 text without length)+" "+Get text from pasteboard)
        CLEAR PASTEBOARD
        GET PASTEBOARD DATA("com.example.raw"; $blob)
        ALERT(String(OK)+" "+String(Pasteboard data size("com.example.raw")))
    """) == ["[]0 -102", "copied 1 6", "raw copied", "0 -102"]
