"""classes.md: properties and functions share one namespace; a class that
declares a property and a function of the same name is an error."""
import pytest

from fourd.syntax.errors import FourDSyntaxError


def test_property_and_function_of_the_same_name(fourd):
    fourd.cls("Shape", """
        property area : Real
        Function area() : Real
            return 1""")
    with pytest.raises(FourDSyntaxError, match="'area' is both a property and a function") as info:
        fourd.value("cs.Shape.new()")
    assert info.value.line == 2


def test_names_differing_in_case_are_distinct(fourd):
    fourd.cls("Shape", """
        property Area : Real
        Function area() : Real
            return 2""")
    assert fourd.value("cs.Shape.new().area()") == 2
