"""Locals read before any assignment, and locals never declared in a unit
that declares its variables."""
from .project_files import diagnostics


def test_a_local_read_before_it_is_assigned(tmp_path):
    found = diagnostics(tmp_path, "used-before-assignment", methods={"main": """
        $total:=$total+1
        $count:=0
        $count:=$count+1
        ARRAY TEXT($names; 0)
        $size:=Size of array($names)
        $p:=->$filled
        $x:=$later+1
        $later:=1
        """})
    assert found == [("main", 1, 9, "warning", "$total is used before it is assigned"),
                     ("main", 7, 5, "warning", "$later is used before it is assigned")]


def test_undeclared_locals_where_the_unit_declares_its_variables(tmp_path):
    found = diagnostics(tmp_path, "undeclared", methods={
        "typed": "#DECLARE($in : Text)\nvar $out : Text\n$out:=$in\n$extra:=1\n$extra:=$extra+1\n",
        "untyped": "$a:=1\n$b:=$a\n"},
        classes={"Box": "Function fill($items : Collection)\n\tFor each ($item; $items)\n\tEnd for each\n"})
    assert found == [
        ("Box", 2, 12, "warning", "$item is not declared (var $item : Type)"),
        ("typed", 4, 1, "warning", "$extra is not declared (var $extra : Type)"),
    ]
