"""JSON Stringify and JSON Parse against 4D's pages.

Pages: commands/json-stringify.md, json-parse.md; Concepts/dt_date.md
("Conversion of dates from JavaScript": with the default "date type"
setting, "YYYY-MM-DD" strings are dates); commands-legacy/ob-get.md (times
are seconds in objects). The project settings are the defaults: the
examples' "Use date type instead of ISO date format in objects" variant.
"""
import math
import os
import time

import pytest
from command_calls import py, raises_code, run

from fourd.commands.json import number_text, parse, stringify
from fourd.commands.registry import STAR
from fourd.runtime.classes import Class4D
from fourd.runtime.errors import Codes
from fourd.runtime.values import NULL_DATE, UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time

IS_BOOLEAN, IS_COLLECTION, IS_DATE, IS_LONGINT, IS_OBJECT, IS_REAL, IS_TEXT, IS_TIME = 6, 42, 4, 9, 38, 1, 2, 11


def O(**properties) -> Obj:
    return Obj(properties)


@pytest.fixture
def paris():
    """The time zone of the pages' examples."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if saved is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = saved
    time.tzset()


# --- json-stringify.md -------------------------------------------------------------

class TestStringifyExamples:
    def test_example_1_scalars(self):
        assert run("JSON Stringify", "Eureka!") == '"Eureka!"'
        assert run("JSON Stringify", 120.0) == "120"
        assert run("JSON Stringify", Time(72000)) == "72000"  # seconds since midnight
        assert run("JSON Stringify", Date(2013, 8, 28)) == '"2013-08-28"'

    def test_example_2_special_characters(self):
        s = run("JSON Stringify", '{"name":"john"}')
        assert s == '"{\\"name\\":\\"john\\"}"'
        assert run("JSON Parse", s) == '{"name":"john"}'

    def test_example_3_compact_and_pretty(self):
        contact = O(lastname="Monroe", firstname="Alan", children=O(firstname="Jim", age="12"))
        assert run("JSON Stringify", contact) == \
            '{"lastname":"Monroe","firstname":"Alan","children":{"firstname":"Jim","age":"12"}}'
        assert run("JSON Stringify", contact, STAR) == \
            '{\n\t"lastname": "Monroe",\n\t"firstname": "Alan",\n\t"children": {\n\t\t"firstname": "Jim",' \
            '\n\t\t"age": "12"\n\t}\n}'

    def test_example_4_pointers_are_evaluated(self):
        name = {"value": ""}
        obj = O(name=Pointer("$name", lambda: name["value"], None))
        assert run("JSON Stringify", obj) == '{"name":""}'
        name["value"] = "Smith"
        assert run("JSON Stringify", obj) == '{"name":"Smith"}'

    def test_example_5_numbers_without_decimals(self):
        contact = O(firstname="Alan", lastname="Monroe", age=40.0, phone="[555-0100,555-0120]")
        assert run("JSON Stringify", contact) == \
            '{"firstname":"Alan","lastname":"Monroe","age":40,"phone":"[555-0100,555-0120]"}'

    def test_examples_6_and_7_dates(self):
        assert run("JSON Stringify", O(name="Smith", birthday=Date(1975, 10, 22))) == \
            '{"name":"Smith","birthday":"1975-10-22"}'
        assert run("JSON Stringify", Coll([33.0, "mike", Date(2017, 8, 28), False])) == \
            '[33,"mike","2017-08-28",false]'


class TestStringifyValues:
    @pytest.mark.parametrize("number, text", [
        (0.1, "0.1"), (-2.5, "-2.5"), (1e21, "1e+21"), (1.5e-10, "1.5e-10"), (1e-5, "0.00001"),
        (-0.0, "0"), (7, "7"), (math.nan, "null"), (math.inf, "null"), (1 / 3, "0.3333333333333333"),
    ])
    def test_numbers(self, number, text):
        assert number_text(number) == text

    def test_null_undefined_and_empty_containers(self):
        assert stringify(None) == "null"
        assert stringify(O(a=None, b=UNDEFINED, c=Coll(), d=Obj())) == '{"a":null,"c":[],"d":{}}'
        assert stringify(Coll([UNDEFINED, None])) == "[null,null]"
        assert stringify(Obj(), pretty=True) == "{}"

    def test_pretty_collection(self):
        assert stringify(Coll([1.0, Coll([2.0])]), pretty=True) == "[\n\t1,\n\t[\n\t\t2\n\t]\n]"

    def test_text_escapes(self):
        assert stringify('a"b\\c\n\t\x01é/') == '"a\\"b\\\\c\\n\\t\\u0001é/"'

    def test_blob_time_and_null_date(self):
        assert stringify(O(b=Blob4D(b"x"), t=Time(3601), d=NULL_DATE)) == \
            '{"b":"[object Blob]","t":3601,"d":"0000-00-00"}'

    def test_class_instance_gives_its_properties(self):
        person = O(name="Smith")
        person.cls = Class4D("Person")
        assert stringify(person) == '{"name":"Smith"}'

    def test_object_inside_itself_is_null(self):
        loop = O(a=1.0)
        loop["self"] = loop
        assert stringify(loop) == '{"a":1,"self":null}'

    def test_shared_object_twice_is_written_twice(self):
        inner = O(x=1.0)
        assert stringify(Coll([inner, inner])) == '[{"x":1},{"x":1}]'


# --- json-parse.md ---------------------------------------------------------------------

class TestParseExamples:
    def test_example_1_simple_conversions(self):
        assert run("JSON Parse", "42.17") == 42.17
        value = run("JSON Parse", "120.13", IS_LONGINT)
        assert value == 120 and type(value) is int
        assert run("JSON Parse", '"Year 42"', IS_TEXT) == "Year 42"
        obj = run("JSON Parse", '{"name":"john"}')
        assert type(obj) is Obj and obj == {"name": "john"}
        assert run("JSON Parse", '{"manager":true}', IS_BOOLEAN) is True
        assert run("JSON Parse", "5120", IS_TIME) == Time(1 * 3600 + 25 * 60 + 20)  # 01:25:20

    def test_example_2_dates(self, paris):
        assert run("JSON Parse", '"1990-12-25T12:00:00Z"') == "1990-12-25T12:00:00Z"
        assert run("JSON Parse", '"2008-01-01T12:00:00Z"', IS_DATE) == Date(2008, 1, 1)
        assert run("JSON Parse", '"2017-07-13T23:00:00.000Z"', IS_DATE) == Date(2017, 7, 14)

    def test_example_3_date_strings_are_dates(self):
        o = run("JSON Parse", '{"name":"Marcus","birthday":"2017-10-16"}')
        assert o["birthday"] == Date(2017, 10, 16)

    def test_example_4_round_trip(self):
        contact = O(name="Monroe", firstname="Alan")
        assert py(run("JSON Parse", run("JSON Stringify", contact))) == py(contact)

    def test_example_5_collection(self):
        col = run("JSON Parse", '["Monday",10,"Tuesday",11,"Wednesday",12,false]')
        assert type(col) is Coll and col == ["Monday", 10.0, "Tuesday", 11.0, "Wednesday", 12.0, False]

    def test_example_6_symbols(self):
        text = ('{\n    "alpha": 4552,\n    "beta": [\n        {\n            "echo": 45,\n'
                '            "delta": "text1" \n        },\n        {\n            "echo": 52,\n'
                '            "golf": "text2" \n        }\n    ]\n}')
        info = run("JSON Parse", text, IS_OBJECT, STAR)
        symbols = {path: (where["line"], where["offset"]) for path, where in info["__symbols"].items()}
        assert symbols == {"alpha": (2, 4), "beta": (3, 4), "beta[0].echo": (5, 12),
                           "beta[0].delta": (6, 12), "beta[1].echo": (9, 12), "beta[1].golf": (10, 12)}
        assert info["alpha"] == 4552.0

    def test_star_is_ignored_for_non_objects(self):
        assert run("JSON Parse", "[1]", STAR) == [1.0]


class TestParseValues:
    def test_numbers_are_reals(self):
        value = parse('{"a":1,"b":[2]}')
        assert type(value["a"]) is float and type(value["b"][0]) is float

    def test_invalid_dates_and_date_times_stay_text(self):
        assert parse('"2017-13-40"') == "2017-13-40"
        assert parse('"2017-01-01T00:00:00"') == "2017-01-01T00:00:00"
        assert parse('"0000-00-00"') == NULL_DATE

    @pytest.mark.parametrize("text", ["", "{", '{"a":}', "[1,]", "NaN", "{'a':1}", '"\x01"', "1 2"])
    def test_invalid_json_is_an_error(self, text):
        error = raises_code(Codes.JSON_INVALID, "JSON Parse", text)
        assert "JSON" in error.message

    def test_deep_nesting_is_an_error_not_a_crash(self):
        raises_code(Codes.JSON_INVALID, "JSON Parse", "[" * 100000 + "]" * 100000)

    @pytest.mark.parametrize("text, type_code, expected", [
        ('"12.5"', IS_REAL, 12.5), ("true", IS_REAL, 1.0), ('"abc"', IS_REAL, 0.0),
        ("2.5", IS_LONGINT, 2), ("3.5", IS_LONGINT, 4), ("null", IS_LONGINT, 0),
        ("12", IS_TEXT, "12"), ("null", IS_TEXT, ""), ("[1]", IS_TEXT, "[1]"),
        ('"True"', IS_BOOLEAN, True), ("0", IS_BOOLEAN, False),
        ('"2017-10-16"', IS_DATE, Date(2017, 10, 16)), ("12", IS_DATE, NULL_DATE),
        ('"90"', IS_TIME, Time(90)), ("[1]", IS_OBJECT, None), ("{}", IS_COLLECTION, None),
    ])
    def test_typed_results(self, text, type_code, expected):
        value = run("JSON Parse", text, type_code)
        assert value == expected and type(value) is type(expected)

    def test_unknown_type(self):
        raises_code(Codes.TYPE_MISMATCH, "JSON Parse", "1", 12345)


class TestRoundTrips:
    def test_nested_objects_collections_dates_and_null(self):
        value = O(name="Smith", born=Date(1975, 10, 22), tags=Coll(["a", Coll([1.0, None])]),
                  address=O(city="Paris", zip=None), empty=Obj(), flag=True)
        for pretty in (False, True):
            back = parse(stringify(value, pretty))
            assert py(back) == py(value)
            assert stringify(back) == stringify(value)

    def test_unicode_and_escapes(self):
        value = Coll(["日本語", "tab\there", 'quote"', "\u2028", "😀"])
        assert py(parse(stringify(value))) == py(value)
