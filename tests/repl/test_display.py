"""How the REPL shows values and errors (fourd.repl.display).

Forms follow 4D's own notation: text literals with their escapes
(Concepts/dt_string.md), date and time literals (dt_date.md, dt_time.md),
Null and Undefined (dt_null_undefined.md), objects and collections as JSON
(commands/json-stringify.md), class instances with their class
(Concepts/classes.md), 4D.Blob with its size (API/BlobClass.md),
formulas with their source (API/FunctionClass.md, ``.source``).
"""
from fourd.net import tcp  # noqa: F401  (registers the TCP members)
from fourd.repl.display import ONE_LINE_WIDTH, describe_error, show
from fourd.runtime.classes import Class4D
from fourd.runtime.errors import FourDError
from fourd.runtime.formula import Formula
from fourd.runtime.values import UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time


def test_text_is_quoted_with_4d_escapes():
    assert show("Ada") == '"Ada"'
    assert show('say "hi"\n\tC:\\') == r'"say \"hi\"\n\tC:\\"'


def test_numbers_and_booleans_are_plain():
    assert show(42.0) == "42"
    assert show(1.5) == "1.5"
    assert show(1 / 3) == "0.3333333333333"     # String's 13 significant digits (string.md)
    assert show(7) == "7"                        # an Integer
    assert show(True) == "True"
    assert show(False) == "False"


def test_dates_and_times_use_4d_literals():
    assert show(Date(2024, 1, 31)) == "!2024-01-31!"
    assert show(Date.NULL) == "!00-00-00!"
    assert show(Time(45000)) == "?12:30:00?"
    assert show(Time(-90)) == "?-00:01:30?"


def test_null_and_undefined_are_named():
    assert show(None) == "Null"
    assert show(UNDEFINED) == "Undefined"


def test_short_objects_and_collections_are_one_line_json():
    assert show(Obj(name="Ada", age=36.0)) == '{"name":"Ada","age":36}'
    assert show(Coll([1.0, "a", None, Date(2024, 1, 2)])) == '[1,"a",null,"2024-01-02"]'
    assert show(Obj()) == "{}"


def test_long_objects_are_indented_json():
    long = Obj(items=Coll([f"item number {i}" for i in range(8)]))
    text = show(long)
    assert len(text.split("\n")[0]) < ONE_LINE_WIDTH
    assert text.startswith('{\n  "items": [\n    "item number 0",')
    assert text.endswith("\n  ]\n}")


def test_class_instances_show_their_class():
    person = Obj(name="Ada")
    person.cls = Class4D("Person")
    assert show(person) == 'cs.Person {"name":"Ada"}'
    assert show(person.cls) == "[class cs.Person]"
    assert show(Class4D("Blob", native=Blob4D)) == "[class 4D.Blob]"


def test_blobs_show_their_size():
    assert show(Blob4D(b"abc")) == "4D.Blob (3 bytes)"
    assert show(Blob4D(b"a")) == "4D.Blob (1 byte)"
    assert show(bytearray(b"ab")) == "Blob (2 bytes)"


def test_formulas_show_their_source():
    assert show(Formula(lambda this: 1, "$1*2")) == "Formula($1*2)"


def test_pointers_show_what_they_point_to():
    assert show(Pointer("$x", lambda: 1, lambda v: None)) == "->$x"


def test_built_in_objects_show_their_class_and_properties():
    event = tcp.TCPEvent("data", "127.0.0.1", 5000, Blob4D(b"hi"))
    text = show(event)
    assert text.startswith("4D.TCPEvent {") and text.endswith("}")
    for shown in ('"type":"data"', '"address":"127.0.0.1"', '"port":5000', '"data":"[object Blob]"'):
        assert shown in text


def error_at(where) -> FourDError:
    error = FourDError(-20011, "Division by zero")
    error.where = where
    return error


def test_an_error_shows_its_code_component_and_message():
    assert describe_error(FourDError(54, "Argument types are incompatible."), "<input>", "x") == \
        "Error 54 (4DRT): Argument types are incompatible."


def test_an_error_in_a_block_names_its_line():
    source = "If (True)\n  $x:=1\\0\nEnd if"
    assert describe_error(error_at(("REPL", "<input>", 2)), "<input>", source) == \
        "Error -20011 (4DRT): Division by zero\n    at line 2: $x:=1\\0"
    assert describe_error(error_at(("REPL", "<input>", 1)), "<input>", "$x:=1\\0") == \
        "Error -20011 (4DRT): Division by zero"


def test_an_error_in_a_method_names_the_method():
    assert describe_error(error_at(("divide", "/p/Methods/divide.4dm", 3)), "<input>", "divide(0)") == \
        "Error -20011 (4DRT): Division by zero\n    in divide (/p/Methods/divide.4dm:3)"
