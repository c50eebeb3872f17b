"""Concepts/classes.md: "A class object itself is a shared object" — it can be
locked with Use, stored properties must be shareable and set inside Use, and
it can be the group of a shared copy (OB Copy(…; ck shared; cs.Foo))."""
from fourd.runtime.errors import Codes


def test_a_class_object_is_shared(fourd):
    fourd.cls("Counter", "property count : Integer")
    assert fourd.value("OB Is shared(cs.Counter)") is True


def test_properties_stored_on_a_class_inside_use(fourd):
    fourd.cls("Registry", "")
    assert fourd.value("cs.Registry.names.length", """
        Use (cs.Registry)
            cs.Registry.names:=New shared collection("a"; "b")
        End use""") == 2


def test_storing_on_a_class_outside_use_is_an_error(fourd):
    fourd.cls("Registry", "")
    assert fourd.error("cs.Registry.count:=1").code == Codes.SHARED_NOT_IN_USE


def test_shared_copy_grouped_with_a_class(fourd):
    """A singleton kept on its class (the pattern of public "singletonize" methods)."""
    fourd.cls("Settings", """
        Class constructor
            This.colors:=New collection("red")""")
    assert fourd.value("[cs.Settings.instance.colors[0]; OB Is shared(cs.Settings.instance)]", """
        Use (cs.Settings)
            cs.Settings.instance:=OB Copy(cs.Settings.new(); ck shared; cs.Settings)
        End use""") == ["red", True]


def test_nested_shared_object_joins_the_class_group(fourd):
    """A shared object put on a class inside Use(class) is in its group: it can
    be modified without a Use of its own while the class is in Use."""
    fourd.cls("Builder", "")
    assert fourd.value("cs.Builder.cache.size", """
        Use (cs.Builder)
            cs.Builder.cache:=New shared object()
            cs.Builder.cache.size:=3
        End use""") == 3


def test_formula_stored_on_a_class_overrides_new(fourd):
    fourd.cls("Point", "property x : Integer")
    assert fourd.value("cs.Point.new().x", """
        Use (cs.Point)
            cs.Point.origin:=OB Copy(New object("x"; 7); ck shared; cs.Point)
            cs.Point.new:=Formula(cs.Point.origin)
        End use""") == 7
