"""Object commands against 4D's pages.

Pages: commands/new-object.md, new-shared-object.md, ob-keys.md, ob-values.md,
ob-entries.md, ob-copy.md, ob-is-defined.md, ob-is-empty.md, ob-is-shared.md, ob-class.md,
ob-instance-of.md, storage.md; commands-legacy/ob-get.md, ob-set.md,
ob-remove.md, undefined.md; Concepts/dt_object.md, dt_blob.md, shared.md.
"""
import pytest
from command_calls import Var, py, raises_code, run

from fourd.runtime import shared
from fourd.runtime.classes import Class4D
from fourd.runtime.errors import Codes
from fourd.runtime.formula import Formula
from fourd.runtime.builtins import fourd_class
from fourd.runtime.values import NULL_DATE, UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time

CK_RESOLVE_POINTERS, CK_SHARED = 1, 2
IS_DATE, IS_LONGINT, IS_REAL, IS_TEXT, IS_TIME = 4, 9, 1, 2, 11


def pointer_to(cell: dict) -> Pointer:
    return Pointer("$v", lambda: cell["value"], lambda v: cell.update(value=v))


# --- new-object.md, new-shared-object.md ----------------------------------------------

class TestNewObject:
    def test_examples(self):
        assert py(run("New object")) == {}
        assert py(run("New object", "name", "Smith")) == {"name": "Smith"}
        assert py(run("New object", "name", "Smith", "age", 40.0)) == {"name": "Smith", "age": 40.0}

    def test_object_value_is_a_reference(self):
        children = run("New object", "Children", Coll(["Richard", "Susan", "James"]))
        contact = run("New object", "FirstName", "Alan", "Children", children)
        assert contact["Children"] is children

    def test_values_are_stored_as_4d_stores_them(self):
        obj = run("New object", "n", 42, "t", Time(3601), "b", bytearray(b"ab"), "d", Date(2020, 1, 2))
        assert obj["n"] == 42.0 and type(obj["n"]) is float  # numbers are reals
        assert obj["t"] == 3601.0  # times are seconds (ob-set.md)
        assert isinstance(obj["b"], Blob4D) and obj["b"].data == b"ab"  # dt_blob.md
        assert obj["d"] == Date(2020, 1, 2)

    def test_pointer_is_kept_as_is(self):
        cell = {"value": 1.0}
        ptr = pointer_to(cell)
        assert run("New object", "p", ptr)["p"] is ptr

    def test_undefined_value_creates_nothing(self):
        assert py(run("New object", "a", UNDEFINED)) == {}

    def test_wrong_pairs(self):
        raises_code(Codes.TYPE_MISMATCH, "New object", "alone")
        raises_code(Codes.TYPE_MISMATCH, "New object", 1.0, "value")


class TestNewSharedObject:
    def test_example_1_prefilled(self):
        contact = run("New shared object", "name", "Smith", "firstname", "John")
        assert contact.shared is not None
        assert py(contact) == {"name": "Smith", "firstname": "John"}

    def test_example_2_modified_in_use(self):
        s_obj = run("New shared object", "prop1", "alpha")
        with shared.use(s_obj):
            run("OB SET", s_obj, "prop1", "omega")
        assert s_obj["prop1"] == "omega"

    def test_modification_outside_use_is_an_error(self):
        s_obj = run("New shared object", "prop1", "alpha")
        raises_code(Codes.SHARED_NOT_IN_USE, "OB SET", s_obj, "prop1", "omega")
        assert s_obj["prop1"] == "alpha"

    def test_supported_values(self):
        inner = run("New shared object")
        obj = run("New shared object", "n", 1, "t", "x", "b", True, "d", Date(2020, 1, 1), "h", Time(60),
                  "z", None, "o", inner, "c", shared.make_shared(Coll()))
        assert obj["n"] == 1.0 and obj["h"] == 60.0 and obj["o"] is inner
        assert inner.shared.resolved() is obj.shared.resolved()  # a shared group (new-shared-object.md, note *)

    @pytest.mark.parametrize("value", [Obj(), Coll(), Pointer("$p", lambda: 1, None)])
    def test_unsupported_values(self, value):
        # "shared objects do not support pictures, pointers, and objects or collections that are not shared"
        raises_code(Codes.SHARED_UNSUPPORTED_VALUE, "New shared object", "v", value)


# --- ob-keys.md, ob-values.md, ob-entries.md ---------------------------------------------

@pytest.fixture
def person():
    person = Obj()
    person["lastName"] = "Smith"
    person["firstName"] = "Jenny"
    person["children"] = run("New object", "Mary", 12.0, "Mark", 8.0)
    return person


class TestKeysValuesEntries:
    def test_ob_keys_example(self, person):
        assert py(run("OB Keys", person)) == ["lastName", "firstName", "children"]

    def test_ob_values_example(self, person):
        values = run("OB Values", person)
        assert values[:2] == ["Smith", "Jenny"] and values[2] is person["children"]

    def test_ob_entries_example(self):
        persons = run("New object", "John", 42.0, "Andy", 24.0, "Mary", 30.0, "Paul", 50.0)
        entries = run("OB Entries", persons)
        assert py(entries) == [{"key": "John", "value": 42.0}, {"key": "Andy", "value": 24.0},
                               {"key": "Mary", "value": 30.0}, {"key": "Paul", "value": 50.0}]
        assert [e["key"] for e in entries if e["value"] > 25] == ["John", "Mary", "Paul"]

    def test_null_gives_empty_collection_and_non_object_an_error(self):
        assert py(run("OB Keys", None)) == [] and py(run("OB Values", UNDEFINED)) == []
        raises_code(Codes.TYPE_MISMATCH, "OB Entries", "text")
        raises_code(Codes.TYPE_MISMATCH, "OB Keys", Coll())


# --- ob-copy.md -----------------------------------------------------------------------------

class TestObCopy:
    def test_example_1_deep_copy(self):
        original = run("New object", "id", 1.0, "sub", run("New object", "a", Coll([1.0])))
        copy = run("OB Copy", original)
        assert py(copy) == py(original)
        assert copy["sub"] is not original["sub"] and copy["sub"]["a"] is not original["sub"]["a"]

    def test_example_2_pointers(self):
        cell = {"value": "4D SAS"}
        ref = run("New object", "name", pointer_to(cell))
        assert isinstance(run("OB Copy", ref)["name"], Pointer)
        assert run("OB Copy", ref, True)["name"] == "4D SAS"
        assert run("OB Copy", ref, CK_RESOLVE_POINTERS)["name"] == "4D SAS"

    def test_resolved_pointer_values_are_stored_as_in_objects(self):
        ref = run("New object", "t", pointer_to({"value": Time(5)}))
        assert run("OB Copy", ref, True)["t"] == 5.0

    def test_example_3_shared_copy(self):
        person = run("JSON Parse", '{"name":"Smith","address":{"city":"Paris"},"tags":["a"]}')
        copy = run("OB Copy", person, CK_SHARED)
        assert copy.shared is not None and person.shared is None
        assert copy["address"].shared is copy.shared and copy["tags"].shared is copy.shared
        shared_object = run("New shared object")
        with shared.use(shared_object):
            run("OB SET", shared_object, "person", copy)
        assert shared_object["person"] is copy

    def test_example_4_resolved_shared_copy(self):
        obj = run("New object", "name", pointer_to({"value": "Doe"}))
        copy = run("OB Copy", obj, CK_RESOLVE_POINTERS + CK_SHARED)
        assert copy.shared is not None and copy["name"] == "Doe"

    def test_shared_copy_of_pointer_is_refused(self):
        obj = run("New object", "name", pointer_to({"value": "Doe"}))
        raises_code(Codes.SHARED_UNSUPPORTED_VALUE, "OB Copy", obj, CK_SHARED)

    def test_example_5_group_with(self):
        shared_obj = run("New shared object", "lastname", "Smith",
                         "address", run("New shared object", "city", "New York"))
        shared_coll = shared.make_shared(Coll([run("New shared object", "lastname", "Brown")]))
        copy = run("OB Copy", shared_obj, CK_SHARED, shared_coll)
        assert copy.shared is shared_coll.shared
        with shared.use(shared_coll):
            shared_coll.append(shared.admit(shared_coll, copy))
        assert shared_coll[1] is copy

    def test_copy_of_shared_object_is_not_shared(self):
        shared_obj = run("New shared object", "inner", run("New shared object"))
        copy = run("OB Copy", shared_obj)
        assert copy.shared is None and copy["inner"].shared is None

    def test_class_instance_keeps_its_class(self):
        instance = Obj(area=12.0)
        instance.cls = Class4D("Polygon")
        assert run("OB Copy", instance).cls is instance.cls

    def test_errors(self):
        raises_code(Codes.TYPE_MISMATCH, "OB Copy", Coll())
        raises_code(Codes.TYPE_MISMATCH, "OB Copy", Obj(), CK_SHARED, Obj())  # groupWith not shared
        assert run("OB Copy", None) is None


# --- ob-is-defined.md, ob-is-empty.md --------------------------------------------------------

class TestDefinedAndEmpty:
    def test_ob_is_defined_example_1(self):
        variable = Var(None)
        assert run("OB Is defined", variable.value) is False
        run("OB SET", variable.ref, "Name", "Martin")
        run("OB REMOVE", variable.value, "Name")
        assert run("OB Is defined", variable.value) is True

    def test_ob_is_defined_example_2_property(self):
        ref = Var()
        run("OB SET", ref.ref, "name", "smith", "age", 42.0)
        assert run("OB Is defined", ref.value, "age") is True
        assert run("OB Is defined", ref.value, "Age") is False  # case sensitive
        assert run("OB Is defined", None, "age") is False

    def test_ob_is_empty_example(self):
        ref = Var(None)
        assert (run("OB Is empty", ref.value), run("OB Is defined", ref.value)) == (True, False)
        run("OB SET", ref.ref, "name", "Susie", "age", 4.0)
        assert (run("OB Is empty", ref.value), run("OB Is defined", ref.value)) == (False, True)
        run("OB REMOVE", ref.value, "name")
        run("OB REMOVE", ref.value, "age")
        assert (run("OB Is empty", ref.value), run("OB Is defined", ref.value)) == (True, True)


class TestIsShared:
    def test_shared_and_not(self):
        assert run("OB Is shared", run("New shared object")) is True
        assert run("OB Is shared", shared.make_shared(Coll())) is True
        assert run("OB Is shared", run("New object")) is False
        assert run("OB Is shared", None) is False and run("OB Is shared", "text") is False


# --- ob-get.md, ob-set.md, ob-remove.md ------------------------------------------------------

class TestGetSetRemove:
    def test_ob_get_examples_1_to_3(self):
        ref = Var()
        run("OB SET", ref.ref, "FirstName", "Harry", "age", 42)
        assert run("OB Get", ref.value, "FirstName") == "Harry"
        age = run("OB Get", ref.value, "age")
        assert age == 42.0 and type(age) is float  # "a real number (default)"
        age = run("OB Get", ref.value, "age", IS_LONGINT)
        assert age == 42 and type(age) is int
        son = run("New object", "LastName", "Smith")
        parent = run("New object", "son", son)
        assert run("OB Get", parent, "son") is son

    def test_ob_get_example_5_dates(self):
        obj = run("New object", "Birthday", Date(2010, 1, 30))
        assert run("OB Get", obj, "Birthday") == Date(2010, 1, 30)
        assert run("OB Get", obj, "Birthday", IS_DATE) == Date(2010, 1, 30)
        assert run("OB Get", run("New object", "d", "2010-01-30T12:00:00"), "d", IS_DATE) == Date(2010, 1, 30)

    def test_ob_get_example_7_time(self):
        obj = Var()
        run("OB SET", obj.ref, "myHour", Time(3601))
        assert obj.value["myHour"] == 3601.0  # stored in seconds
        assert run("OB Get", obj.value, "myHour", IS_TIME) == Time(3601)

    def test_ob_get_missing_property_and_null_object(self):
        assert run("OB Get", Obj(), "nope") is UNDEFINED
        assert run("OB Get", None, "nope") is UNDEFINED
        assert run("OB Get", Obj(), "nope", IS_TEXT) == ""

    def test_ob_set_examples(self):
        obj = Var()
        run("OB SET", obj.ref, "FirstName", "John", "LastName", "Smith")
        run("OB SET", obj.value, "FirstName", "Paul")
        run("OB SET", obj.value, "department", "Accounting")
        assert py(obj.value) == {"FirstName": "Paul", "LastName": "Smith", "department": "Accounting"}

    def test_ob_set_example_7_reference(self):
        smith = run("New object", "name", "Smith")
        emp = run("New object", "employee", smith)
        run("OB SET", smith, "name", "Smyth")
        assert run("JSON Stringify", emp) == '{"employee":{"name":"Smyth"}}'

    @pytest.mark.parametrize("current, cleared", [
        ("text", ""), (True, False), (2.0, 0.0), (Date(2020, 1, 1), NULL_DATE), (Obj(), None), (None, None),
    ])
    def test_undefined_clears_an_existing_property(self, current, cleared):
        # dt_object.md: $o.a:=$o.b resets a by type
        obj = run("New object", "a", current)
        run("OB SET", obj, "a", UNDEFINED)
        assert obj["a"] == cleared and type(obj["a"]) is type(cleared)

    def test_ob_set_on_non_object(self):
        raises_code(Codes.TYPE_MISMATCH, "OB SET", Var("text").ref, "a", 1)

    def test_ob_remove_example(self):
        obj = Var()
        run("OB SET", obj.ref, "name", "smith", "age", 42.0, "client", True)
        run("OB REMOVE", obj.value, "age")
        assert py(obj.value) == {"name": "smith", "client": True}
        run("OB REMOVE", obj.value, "missing")  # nothing happens

    def test_ob_remove_on_shared_object_needs_no_use(self):
        # shared.md: OB REMOVE triggers an internal Use...End use
        s_obj = run("New shared object", "a", 1.0)
        run("OB REMOVE", s_obj, "a")
        assert py(s_obj) == {}


# --- ob-class.md, ob-instance-of.md, dt_blob.md -----------------------------------------------

@pytest.fixture
def polygon():
    cls = Class4D("Polygon")
    instance = Obj(area=12.0)
    instance.cls = cls
    return cls, instance


class TestClasses:
    def test_ob_class_example(self, polygon):
        cls, poly = polygon
        assert run("OB Class", poly) is cls

    def test_plain_object_and_non_objects(self):
        assert run("OB Class", Obj()) is fourd_class("Object")
        assert run("OB Class", "text") is None and run("OB Class", None) is None

    def test_ob_instance_of_example(self, polygon):
        cls, poly = polygon
        assert run("OB Instance of", poly, cls) is True
        assert run("OB Instance of", poly, fourd_class("Object")) is True
        assert run("OB Instance of", poly, Class4D("Circle")) is False

    def test_child_class(self, polygon):
        cls, _ = polygon
        square = Obj()
        square.cls = Class4D("Square", cls)
        assert run("OB Instance of", square, cls) is True

    def test_blob_conversion_example(self):
        # dt_blob.md: New object("blob"; $myBlob) stores a 4D.Blob
        obj = run("New object", "blob", bytearray(b"xyz"))
        assert run("OB Instance of", obj["blob"], fourd_class("Blob")) is True
        assert run("OB Instance of", obj["blob"], fourd_class("Object")) is True

    def test_non_objects_are_not_instances(self):
        assert run("OB Instance of", Coll(), fourd_class("Object")) is False
        assert run("OB Instance of", "x", fourd_class("Object")) is False
        assert run("OB Instance of", Formula(lambda this: None), fourd_class("Object")) is True

    def test_not_a_class_is_error_10745(self, polygon):
        _, poly = polygon
        raises_code(Codes.INVALID_CLASS, "OB Instance of", poly, Obj())


# --- storage.md, undefined.md ---------------------------------------------------------------

class TestStorageAndUndefined:
    def test_storage_is_one_shared_object(self):
        assert run("Storage") is run("Storage") and run("Storage").shared is not None

    def test_example_2_standard_way(self):
        storage = run("Storage")
        with shared.use(storage):
            run("OB SET", storage, "mydata_test", run("New shared object"))
            mydata = storage["mydata_test"]
            with shared.use(mydata):
                run("OB SET", mydata, "prop1", "Smith", "prop2", 100)
        assert py(storage["mydata_test"]) == {"prop1": "Smith", "prop2": 100.0}
        # Storage does not share its locking identifier (storage.md)
        assert mydata.shared is not storage.shared

    def test_storage_takes_only_shared_objects(self):
        storage = run("Storage")
        with shared.use(storage):
            for value in ("text", 1.0, None, Obj()):
                raises_code(Codes.SHARED_UNSUPPORTED_VALUE, "OB SET", storage, "bad_test", value)
        assert "bad_test" not in storage

    def test_storage_needs_use(self):
        raises_code(Codes.SHARED_NOT_IN_USE, "OB SET", run("Storage"), "x_test", run("New shared object"))

    def test_undefined_example(self):
        emp = run("New object", "name", "Smith", "children", None)
        assert run("Undefined", emp["name"]) is False
        assert run("Undefined", emp["children"]) is False
        assert run("Undefined", run("OB Get", emp, "parent")) is True
