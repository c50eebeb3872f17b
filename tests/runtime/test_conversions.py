"""fourd.runtime.conversions against 4D's documentation, one section per page.

Pages (4d/docs, local copies under /work/shared/spec/4d-docs/): Concepts/data-types.md
(default values), variables.md, parameters.md ("Wrong parameter type"),
dt_null_undefined.md, dt_number.md, dt_blob.md, dt_variant.md,
commands/value-type.md, commands/mod.md.
"""
import pytest

from fourd.runtime import conversions as cv
from fourd.runtime.classes import Class4D, NativeObject
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.formula import Formula
from fourd.runtime.values import NULL_DATE, UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time


def mismatch(type_name, value):
    with pytest.raises(FourDError) as info:
        cv.coerce(type_name, value)
    assert info.value.code == Codes.TYPE_MISMATCH


# --- data-types.md "Default values", variables.md ------------------------------

class TestDefaultValues:
    @pytest.mark.parametrize("type_name, expected", [
        ("Boolean", False), ("Date", NULL_DATE), ("Integer", 0), ("Time", Time(0)), ("Real", 0.0),
        ("Pointer", None), ("Text", ""), ("Object", None), ("Collection", None), ("Picture", None),
        ("Variant", UNDEFINED),
    ])
    def test_table(self, type_name, expected):
        value = cv.default_value(type_name)
        assert value == expected and type(value) is type(expected)

    def test_blob_is_a_new_empty_buffer_each_time(self):
        first = cv.default_value("Blob")
        assert first == bytearray() and type(first) is bytearray
        assert cv.default_value("Blob") is not first

    def test_spellings(self):
        assert cv.default_value("longint") == 0 and type(cv.default_value("longint")) is int
        assert cv.default_value("text") == ""
        assert cv.default_value("Number") == 0.0

    @pytest.mark.parametrize("type_name", ["cs.Person", "4D.File", "4D.Blob", "cs.a.b"])
    def test_class_types_default_to_null(self, type_name):
        assert cv.default_value(type_name) is None

    def test_unknown_type_name_is_a_compiler_bug(self):
        with pytest.raises(ValueError):
            cv.default_value("Strange")


# --- dt_null_undefined.md: Undefined clears a typed variable -----------------------

class TestUndefinedAssignment:
    @pytest.mark.parametrize("type_name", [
        "Text", "Real", "Integer", "Boolean", "Date", "Time", "Blob", "Object", "Collection",
        "Pointer", "Picture", "cs.Person", "4D.Blob",
    ])
    def test_undefined_gives_the_default_value(self, type_name):
        assert cv.coerce(type_name, UNDEFINED) == cv.default_value(type_name)

    def test_val_example(self):
        # var $val : Integer; $val:=10; $val:=$o.a  ->  $val=0
        assert cv.coerce("Integer", Obj().get("a", UNDEFINED)) == 0

    def test_undefined_parameter_example(self):
        # #DECLARE ($myText : Text) receiving an undefined value: ""
        assert cv.coerce("Text", UNDEFINED) == ""

    def test_variant_keeps_undefined(self):
        assert cv.coerce("Variant", UNDEFINED) is UNDEFINED


class TestEmptyLike:
    """dt_null_undefined.md: "Assigning an undefined value to an existing object
    property reinitializes or clears its value, depending on its type"."""

    @pytest.mark.parametrize("value, expected", [
        ("abc", ""), (2.0, 0.0), (7, 0), (True, False), (Date(2020, 1, 1), NULL_DATE), (Time(60), Time(0)),
        (bytearray(b"x"), bytearray()),
    ], ids=["string", "real", "integer", "boolean", "date", "time", "blob"])
    def test_scalars(self, value, expected):
        empty = cv.empty_like(value)
        assert empty == expected and type(empty) is type(expected)

    @pytest.mark.parametrize("value", [Obj(a=1), Coll([1]), Pointer("$x", None, None), Blob4D(b"x")],
                             ids=["object", "collection", "pointer", "4D.Blob"])
    def test_references_become_null(self, value):
        assert cv.empty_like(value) is None

    def test_null_and_undefined_do_not_change(self):
        assert cv.empty_like(None) is None
        assert cv.empty_like(UNDEFINED) is UNDEFINED

    def test_example(self):
        # $o:=New object("a";2); $o.a:=$o.b  ->  $o.a=0
        assert cv.empty_like(2.0) == 0


# --- dt_number.md: assigning numbers ----------------------------------------------

class TestNumbers:
    def test_already_correct_values_pass_unchanged(self):
        x = 1.5
        assert cv.coerce("Real", x) is x
        assert cv.coerce("Integer", 7) == 7
        assert cv.coerce("Text", "abc") == "abc"

    @pytest.mark.parametrize("real, expected", [
        (2.4, 2), (2.6, 3), (-2.7, -3), (2.5, 2), (3.5, 4), (10.5, 10),   # half to even (mod.md)
    ])
    def test_real_into_integer_rounds(self, real, expected):
        result = cv.coerce("Integer", real)
        assert result == expected and type(result) is int

    def test_out_of_range_reals_into_integer(self):
        assert cv.coerce("Integer", 2147483648.0) == -2147483648
        assert cv.coerce("Integer", float(0xFF00FF00)) == -16711936
        assert cv.coerce("Integer", float("inf")) == -2147483648
        assert cv.coerce("Integer", float("nan")) == -2147483648

    def test_integer_into_real(self):
        result = cv.coerce("Real", 3)
        assert result == 3.0 and type(result) is float

    def test_time_is_a_number(self):
        assert cv.coerce("Real", Time(3600)) == 3600.0
        assert cv.coerce("Integer", Time(3600)) == 3600
        assert cv.coerce("Time", 7449.0) == Time(7449)

    @pytest.mark.parametrize("type_name, value", [
        ("Real", "1.5"), ("Real", True), ("Real", None), ("Integer", "1"), ("Integer", False),
        ("Real", Date(2020, 1, 1)),
    ])
    def test_other_types_into_numbers(self, type_name, value):
        mismatch(type_name, value)

    def test_to_longint_and_wrap_longint(self):
        assert cv.to_longint(-0.5) == 0
        assert cv.to_longint(2147483647) == 2147483647
        assert cv.wrap_longint(2 ** 32 + 5) == 5
        assert cv.wrap_longint(2 ** 31) == -2 ** 31


# --- parameters.md "Wrong parameter type", operators.md (Null into Text) ----------

class TestWrongTypes:
    def test_method1_example(self):
        # #DECLARE($value : Text) called with 42: text expected
        mismatch("Text", 42.0)

    def test_null_cannot_go_into_scalars(self):
        # operators.md: "you cannot assign NULL to a Text variable"
        for type_name in ("Text", "Real", "Integer", "Boolean", "Date", "Time", "Blob"):
            mismatch(type_name, None)

    @pytest.mark.parametrize("type_name, value", [
        ("Text", Date(2020, 1, 1)), ("Boolean", 1.0), ("Date", "2020-01-01"), ("Time", "01:00:00"),
        ("Object", Coll()), ("Collection", Obj()), ("Pointer", "x"), ("Blob", "x"), ("cs.Person", 1.0),
    ])
    def test_mismatches(self, type_name, value):
        mismatch(type_name, value)

    def test_error_message_names_both_types(self):
        with pytest.raises(FourDError) as info:
            cv.coerce("Real", "abc")
        assert "Text" in info.value.message and "Real" in info.value.message


class TestReferences:
    @pytest.mark.parametrize("type_name", ["Object", "Collection", "Pointer", "Picture", "Variant",
                                           "cs.Person", "4D.File"])
    def test_null_fits_reference_types(self, type_name):
        assert cv.coerce(type_name, None) is None

    @pytest.mark.parametrize("value", [Obj(a=1), Formula(lambda this: 1), Blob4D(b"x"), Class4D("C"),
                                       NativeObject()],
                             ids=["object", "formula", "4D.Blob", "class", "native"])
    def test_objects_fit_object_and_class_variables(self, value):
        assert cv.coerce("Object", value) is value
        assert cv.coerce("cs.Person", value) is value   # the class check is the caller's

    def test_collections_and_pointers_keep_their_reference(self):
        c = Coll([1.0])
        p = Pointer("$x", lambda: None, lambda v: None)
        assert cv.coerce("Collection", c) is c
        assert cv.coerce("Pointer", p) is p

    def test_coercer_returns_the_converter(self):
        to_integer = cv.coercer("Integer")
        assert to_integer(2.6) == 3
        assert cv.coercer("LONGINT") is to_integer


# --- dt_blob.md ---------------------------------------------------------------

class TestBlobs:
    def test_scalar_blobs_are_copied(self):
        source = bytearray(b"abc")
        copy = cv.coerce("Blob", source)
        assert copy == source and copy is not source

    def test_automatic_conversion_example(self):
        # $o:=New object("blob"; $myBlob): the blob becomes a 4D.Blob
        boxed = cv.coerce("Object", bytearray(b"abc"))
        assert type(boxed) is Blob4D and boxed.data == b"abc"
        assert type(cv.coerce("4D.Blob", bytearray(b"x"))) is Blob4D
        # $myBlob:=$o.blob: back to a scalar blob, Value type = Is BLOB
        unboxed = cv.coerce("Blob", boxed)
        assert unboxed == bytearray(b"abc")
        assert cv.value_type(unboxed) == cv.IS_BLOB


# --- commands/value-type.md, dt_variant.md -------------------------------------------

class TestValueType:
    def test_constants(self):
        assert (cv.IS_REAL, cv.IS_TEXT, cv.IS_PICTURE, cv.IS_DATE, cv.IS_UNDEFINED, cv.IS_BOOLEAN,
                cv.IS_LONGINT, cv.IS_TIME, cv.IS_POINTER, cv.IS_BLOB, cv.IS_OBJECT, cv.IS_COLLECTION,
                cv.IS_NULL) == (1, 2, 3, 4, 5, 6, 9, 11, 23, 30, 38, 42, 255)

    @pytest.mark.parametrize("value, expected", [
        (1.5, 1), ("a", 2), (Date(2020, 1, 1), 4), (UNDEFINED, 5), (True, 6), (7, 9), (Time(1), 11),
        (Pointer("$x", None, None), 23), (bytearray(), 30), (Obj(), 38), (Coll(), 42), (None, 255),
        (Blob4D(b""), 38), (Formula(lambda this: 1), 38), (Class4D("C"), 38), (NativeObject(), 38),
    ], ids=["real", "text", "date", "undefined", "boolean", "integer", "time", "pointer", "blob",
            "object", "collection", "null", "4D.Blob", "formula", "class", "native"])
    def test_values(self, value, expected):
        assert cv.value_type(value) == expected

    def test_variant_examples(self):
        assert cv.value_type("hello world") == cv.IS_TEXT
        assert cv.value_type(42.0) == cv.IS_REAL          # a literal 42 is a Real

    def test_numeric_object_property_is_real(self):
        o = Obj(value=42.0)
        assert cv.value_type(o["value"]) == cv.IS_REAL

    def test_example_2_sum_of_reals(self):
        col = Coll(["Hello", 20.0, "World2", 15.0, 50.0, Date(2024, 5, 1), True, 10.0])
        assert sum(v for v in col if cv.value_type(v) == cv.IS_REAL) == 95.0

    def test_class_instance_is_an_object(self):
        instance = Obj()
        instance.cls = Class4D("Person")
        assert cv.value_type(instance) == cv.IS_OBJECT


class TestTypeNames:
    @pytest.mark.parametrize("value, expected", [
        ("a", "Text"), (1.0, "Real"), (1, "Integer"), (False, "Boolean"), (NULL_DATE, "Date"),
        (Time(0), "Time"), (Obj(), "Object"), (Coll(), "Collection"), (None, "Null"),
        (UNDEFINED, "Undefined"), (bytearray(), "Blob"), (Blob4D(), "4D.Blob"),
        (Formula(lambda this: 1), "4D.Function"), (Pointer("$x", None, None), "Pointer"),
    ])
    def test_names(self, value, expected):
        assert cv.type_name_of(value) == expected

    def test_class_instances_and_native_objects(self):
        instance = Obj()
        instance.cls = Class4D("Person")
        assert cv.type_name_of(instance) == "Person"

        class Connection(NativeObject):
            FOURD_CLASS = "TCPConnection"
        assert cv.type_name_of(Connection()) == "4D.TCPConnection"
