"""Class files (compiler.classes, loaded by loader.classes). Pages:
Concepts/classes.md (Class constructor, Function, property, Class extends,
Super, computed properties)."""
import pytest

from fourd.compiler.classes import compile_class_unit
from fourd.runtime.errors import FourDError
from fourd.syntax.errors import FourDSyntaxError

SHAPE = """
property kind : Text := "shape"
property sides : Integer

Class constructor($sides : Integer)
    This.sides:=$sides

Function describe() -> $text : Text
    $text:=This.kind+" with "+String(This.sides)+" sides"

Function get double() -> $d : Integer
    $d:=This.sides*2
"""


def test_the_unit_of_a_class_describes_its_members_and_properties():
    unit = compile_class_unit(SHAPE, "Shape.4dm", "Shape", lambda name: None)
    superclass, properties, members = unit.info
    assert superclass is None
    assert properties == [(["kind"], "Text"), (["sides"], "Integer")]
    assert [(kind, name) for _, kind, name, _ in members] == \
        [("constructor", "constructor"), ("function", "describe"), ("get", "double")]


def test_members_properties_and_computed_properties_run(fourd):
    fourd.cls("Shape", SHAPE)
    fourd.cls("Square", 'Class extends Shape\nClass constructor()\n    Super(4)\n    This.kind:="square"')
    assert fourd.value("[$s.describe(); $s.double; $s.sides]", "$s:=cs.Square.new()") == \
        ["square with 4 sides", 8, 4]


def test_only_properties_and_class_extends_precede_the_functions():
    with pytest.raises(FourDSyntaxError) as info:
        compile_class_unit('$x:=1\nFunction f()', "Bad.4dm", "Bad", lambda name: None)
    assert info.value.line == 1


def test_an_unknown_superclass_is_a_4d_error(fourd):
    fourd.cls("Orphan", "Class extends Nowhere")
    error = fourd.error("$o:=cs.Orphan.new()")
    assert isinstance(error, FourDError) and "unknown superclass Nowhere" in error.message
