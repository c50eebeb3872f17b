"""Argument counts: too few for a command (its required parameters), too
many for a method with #DECLARE or a class function/constructor with
declared parameters (4D lets callers omit trailing ones)."""
from .project_files import diagnostics


def test_commands_need_their_required_arguments(tmp_path):
    found = diagnostics(tmp_path, "argument-count", methods={"main": """
        $t:=Replace string("abc"; "b")
        $t:=Replace string("abc"; "b"; "c")
        $n:=Length()
        """})
    assert found == [
        ("main", 1, 5, "error", "'Replace string' needs at least 3 arguments, 2 given"),
        ("main", 3, 5, "error", "'Length' needs at least 1 argument, 0 given"),
    ]


def test_methods_with_declare_take_at_most_their_parameters(tmp_path):
    found = diagnostics(tmp_path, "argument-count", methods={
        "add": "#DECLARE($a : Real; $b : Real) : Real\nreturn $a+$b\n",
        "log": "#DECLARE($first : Text; ...)\n",
        "legacy": "C_TEXT($1)\nALERT($1)\n",
        "main": "$x:=add(1; 2; 3)\n$x:=add(1)\nlog(\"a\"; \"b\"; \"c\")\nlegacy(\"a\"; \"b\")\n"})
    assert found == [("main", 1, 5, "error", "method 'add' declares 2 arguments, 3 given")]


def test_class_functions_and_constructors(tmp_path):
    found = diagnostics(tmp_path, "argument-count", classes={
        "Point": "Class constructor($x : Real; $y : Real)\nFunction moveBy($dx : Real)\n",
    }, methods={"main": """
        $p:=cs.Point.new(1; 2; 3)
        $p.moveBy(1; 2)
        var $q : cs.Point
        $q:=cs.Point.new(1; 2)
        $q.moveBy(1; 2)
        $q.moveBy(1)
        """})
    assert found == [
        ("main", 1, 5, "error", "cs.Point.new() declares 2 arguments, 3 given"),
        ("main", 5, 1, "error", "Point.moveBy() declares 1 argument, 2 given"),
    ]


def test_more_arguments_than_fourd_takes_is_only_reported_with_unsupported(tmp_path):
    from fourd.check import check_paths
    from .project_files import write_project

    sources = write_project(tmp_path, methods={"main": '$n:=Length("a"; "b"; "c")\n'})
    assert [d for d in check_paths([sources])[0] if d.code != "undeclared"] == []
    found = [d for d in check_paths([sources], unsupported=True)[0] if d.code == "unsupported"]
    assert [(d.severity, d.message) for d in found] == [
        ("warning", "fourd's 'Length' takes at most 1 argument yet, 3 given")]


def test_a_formulas_own_parameters_do_not_make_the_method_undeclared(tmp_path):
    found = diagnostics(tmp_path, "argument-count", methods={
        "labels": "#DECLARE($items : Collection) : Collection\nreturn $items.map(Formula($1.value.label))\n",
        "main": "$l:=labels(New collection(); 2)\n"})
    assert found == [("main", 1, 5, "error", "method 'labels' declares 1 argument, 2 given")]
