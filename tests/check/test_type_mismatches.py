"""Type mismatches the code shows: literals and declared variables assigned
to declared variables, given to declared parameters, returned as a
declared result (Concepts/data-types.md: numbers convert between Integer,
Real and Time; Text does not become a number)."""
from .project_files import diagnostics


def test_assignments_to_declared_variables(tmp_path):
    found = diagnostics(tmp_path, "type-mismatch", methods={"main": """
        var $t : Text
        var $n : Integer
        var $r : Real
        var $c : Collection
        $t:=5
        $n:="five"
        $r:=$n
        $n:=$t
        $c:={}
        $t:="fine"
        var $d : Date:=?01:00:00?
        """})
    assert found == [
        ("main", 5, 5, "error", "a number value assigned to $t (Text)"),
        ("main", 6, 5, "error", "a Text value assigned to $n (Integer)"),
        ("main", 8, 5, "error", "$t (Text) assigned to $n (Integer)"),
        ("main", 9, 1, "error", "an Object value assigned to $c (Collection)"),  # empty {} has no position
        ("main", 11, 16, "error", "a Time value assigned to $d (Date)"),
    ]


def test_arguments_name_the_parameter(tmp_path):
    found = diagnostics(tmp_path, "type-mismatch", methods={
        "greet": "#DECLARE($name : Text; $times : Integer)\n",
        "main": 'greet(3; 2)\ngreet("Ada"; "twice")\ngreet("Ada"; 2)\n'},
        classes={"Robot": "Function say($words : Text)\n"})
    assert found == [
        ("main", 1, 7, "error", "argument 1 of method 'greet' is a number value, but parameter $name is Text"),
        ("main", 2, 14, "error", "argument 2 of method 'greet' is a Text value, but parameter $times is Integer"),
    ]
    found = diagnostics(tmp_path, "type-mismatch", methods={"main": "cs.Robot.new().say(42)\n"},
                        classes={"Robot": "Function say($words : Text)\n"})
    assert found == [("main", 1, 20, "error", "argument 1 of Robot.say() is a number value, but parameter $words is Text")]


def test_returned_values(tmp_path):
    found = diagnostics(tmp_path, "type-mismatch", methods={
        "label": '#DECLARE() : Text\nIf (True)\n\treturn 1\nEnd if\nreturn "ok"\n'})
    assert found == [("label", 3, 9, "error", "a number value returned by label, declared Text")]
