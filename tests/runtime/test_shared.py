"""fourd.runtime.shared against Concepts/shared.md (shared objects and collections,
Use...End use, shared groups, Storage), commands/storage.md,
commands/new-shared-object.md, commands/ob-copy.md and Concepts/dt_blob.md.
"""
import threading
import time

import pytest

from fourd.runtime import shared
from fourd.runtime.classes import Class4D
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.formula import Formula
from fourd.runtime.process import current_process, global_state
from fourd.runtime.values import UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time


def new_shared(**properties) -> Obj:
    """``New shared object`` with scalar properties."""
    obj = shared.make_shared(Obj())
    with shared.use(obj):
        obj.update(properties)
    return obj


def put(target, key, value):
    """``target[key]:=value`` as assignment does it on a shared target."""
    assert shared.check_writable(target)
    admitted = shared.admit(target, shared.stored_value(value))
    if admitted is not shared.REJECTED:
        target[key] = admitted


def error_code(func, *args) -> int:
    with pytest.raises(FourDError) as info:
        func(*args)
    return info.value.code


@pytest.fixture
def resumed_errors():
    """An ON ERR CALL handler: errors are recorded and execution goes on."""
    process, codes = current_process(), []
    saved = global_state.call_method
    global_state.call_method = lambda name, *args: codes.append(process.vars["error"])
    process.error_handler = "handler"
    yield codes
    process.error_handler = ""
    global_state.call_method = saved


def same_group(a, b) -> bool:
    return a.shared.resolved() is b.shared.resolved()


def in_thread(func):
    """Runs *func* in another thread (another 4D process); returns its result or error."""
    outcome = {}

    def target():
        try:
            outcome["result"] = func()
        except FourDError as error:
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(5)
    return outcome


# --- Modification: Use...End use ------------------------------------------------------

class TestUse:
    def test_plain_objects_are_always_writable(self):
        assert shared.check_writable(Obj()) is True and shared.check_writable(Coll()) is True

    def test_modification_outside_use_is_an_error(self):
        s_obj = new_shared(prop1="alpha")
        assert error_code(shared.check_writable, s_obj) == Codes.SHARED_NOT_IN_USE
        with shared.use(s_obj):
            assert shared.check_writable(s_obj) is True
        assert error_code(shared.check_writable, s_obj) == Codes.SHARED_NOT_IN_USE

    def test_use_is_reentrant_with_a_locking_counter(self):
        s_obj = new_shared()
        with shared.use(s_obj):
            with shared.use(s_obj):
                assert shared.check_writable(s_obj)
            assert shared.check_writable(s_obj)  # counter not yet at 0
        assert error_code(shared.check_writable, s_obj) == Codes.SHARED_NOT_IN_USE

    def test_use_of_a_plain_object_does_nothing(self):
        with shared.use(Obj()), shared.use(None), shared.use(UNDEFINED):
            pass

    def test_another_process_waits_for_end_use(self):
        s_obj = new_shared(count=0.0)
        released = []

        def other_process():
            with shared.use(s_obj):
                released.append(time.monotonic())
                s_obj["count"] += 1

        with shared.use(s_obj):
            thread = threading.Thread(target=other_process)
            thread.start()
            time.sleep(0.05)
            assert released == []  # put on hold, no error
            end_use = time.monotonic()
        thread.join(5)
        assert released and released[0] >= end_use and s_obj["count"] == 1.0

    def test_write_from_another_thread_without_use_is_an_error(self):
        s_obj = new_shared()
        with shared.use(s_obj):  # held here, not in the other process
            outcome = in_thread(lambda: shared.check_writable(s_obj))
        assert outcome["error"].code == Codes.SHARED_NOT_IN_USE

    def test_with_on_err_call_the_modification_is_skipped(self, resumed_errors):
        s_obj = new_shared(a=1.0)
        assert not shared.check_writable(s_obj)
        assert resumed_errors == [Codes.SHARED_NOT_IN_USE]

    def test_reading_needs_no_use(self):
        s_obj = new_shared(a=1.0)
        with shared.use(s_obj):
            assert in_thread(lambda: s_obj["a"])["result"] == 1.0


# --- What shared objects hold (new-shared-object.md, dt_blob.md) ----------------------------

class TestValues:
    # 4D.Function objects too: public code stores formulas on shared objects
    # and class objects (mesopelagique/XPathBuilder, OTP) and runs in 4D.
    @pytest.mark.parametrize("value", [1.0, 2, "text", True, Date(2020, 1, 1), None, Blob4D(b"x"),
                                       Class4D("Person"), Formula(lambda this: 1)])
    def test_supported(self, value):
        s_obj = new_shared()
        with shared.use(s_obj):
            put(s_obj, "v", value)
        assert s_obj["v"] is value or s_obj["v"] == value

    @pytest.mark.parametrize("value", [Obj(), Coll(), Pointer("$p", lambda: 1, None)])
    def test_unsupported(self, value):
        s_obj = new_shared()
        with shared.use(s_obj):
            assert error_code(put, s_obj, "v", value) == Codes.SHARED_UNSUPPORTED_VALUE
        assert "v" not in s_obj

    def test_stored_values(self):
        assert shared.stored_value(3) == 3.0 and type(shared.stored_value(3)) is float
        assert shared.stored_value(Time(90)) == 90.0
        blob = shared.stored_value(bytearray(b"ab"))
        assert isinstance(blob, Blob4D) and blob.data == b"ab"
        assert shared.stored_value("x") == "x"


# --- Shared groups (shared.md, example 2) ------------------------------------------------------

class TestGroups:
    def test_example_2(self):
        ob1, ob2 = new_shared(), new_shared()
        with shared.use(ob1):
            put(ob1, "a", ob2)  # group 1 is created
        assert same_group(ob1, ob2)
        ob3, ob4 = new_shared(), new_shared()
        with shared.use(ob3):
            put(ob3, "a", ob4)  # group 2 is created
        with shared.use(ob1):
            assert error_code(put, ob1, "b", ob4) == Codes.SHARED_OTHER_GROUP
        with shared.use(ob3):
            put(ob3, "a", None)  # remove any reference to ob4 from group 2
        with shared.use(ob1):
            assert error_code(put, ob1, "b", ob4) == Codes.SHARED_OTHER_GROUP  # still in group 2

    def test_use_locks_the_whole_group(self):
        parent, child = new_shared(), new_shared()
        with shared.use(parent):
            put(parent, "child", child)
            assert shared.check_writable(child)
            assert in_thread(lambda: shared.check_writable(child))["error"].code == Codes.SHARED_NOT_IN_USE

    def test_a_shared_copy_can_be_stored(self):
        # ob-copy.md example 3: a ck shared copy (with nested objects) goes into another shared object
        copy = shared.make_shared(Obj(address=Obj(city="Paris"), tags=Coll(["a"])))
        target = new_shared()
        with shared.use(target):
            put(target, "person", copy)
        assert same_group(target, copy) and same_group(target, copy["address"])
        with shared.use(target):
            assert shared.check_writable(copy["address"])

    def test_end_use_releases_what_use_locked(self):
        # the used object's group is merged into another one before End use
        child, parent = new_shared(), new_shared()
        with shared.use(child):
            with shared.use(parent):
                put(parent, "child", child)
        assert error_code(shared.check_writable, child) == Codes.SHARED_NOT_IN_USE

        def use_parent():
            with shared.use(parent):
                return True

        assert in_thread(use_parent)["result"]  # not left locked

    def test_make_shared_with_group_with(self):
        # ob-copy.md example 5: groupWith puts the copy in the given object's group
        coll = shared.make_shared(Coll([new_shared()]))
        copy = shared.make_shared(Obj(lastname="Smith"), coll)
        assert same_group(copy, coll)

    def test_make_shared_refuses_pointers_with_null(self):
        obj = Obj(p=Pointer("$p", lambda: 1, None))
        assert error_code(shared.make_shared, obj) == Codes.SHARED_UNSUPPORTED_VALUE


# --- Storage (storage.md) -------------------------------------------------------------------------

class TestStorage:
    def test_one_object_for_all_processes(self):
        assert shared.storage() is shared.storage()
        assert in_thread(shared.storage)["result"] is shared.storage()

    def test_does_not_create_a_group(self):
        store, counters = shared.storage(), new_shared(customers=0.0)
        with shared.use(store):
            put(store, "counters_test", counters)
        assert not same_group(store, counters)
        with shared.use(counters):  # no need to use Storage
            assert shared.check_writable(counters)
        with shared.use(store):
            assert error_code(shared.check_writable, counters) == Codes.SHARED_NOT_IN_USE

    @pytest.mark.parametrize("value", [None, 1.0, "text", Obj(), Coll()])
    def test_holds_only_shared_objects_and_collections(self, value):
        store = shared.storage()
        with shared.use(store):
            assert error_code(put, store, "bad_test", value) == Codes.SHARED_UNSUPPORTED_VALUE

    def test_storage_cannot_join_a_group(self):
        s_obj = new_shared()
        with shared.use(s_obj):
            assert error_code(put, s_obj, "storage", shared.storage()) == Codes.SHARED_OTHER_GROUP


# --- Duplication (shared.md, ob-copy.md) ---------------------------------------------------------

class TestDeepCopy:
    def test_shared_objects_become_regular(self):
        inner = new_shared(a=1.0)
        outer = new_shared()
        with shared.use(outer):
            put(outer, "inner", inner)
        copy = shared.deep_copy(outer)
        assert copy.shared is None and copy["inner"].shared is None and copy["inner"] is not inner
        assert copy["inner"] == {"a": 1.0}

    def test_class_and_values_kept(self):
        instance, blob, formula = Obj(), Blob4D(b"x"), Formula(lambda this: 1)
        instance.cls = Class4D("Person")
        instance.update(blob=blob, f=formula)
        copy = shared.deep_copy(instance)
        assert copy.cls is instance.cls and copy["blob"] is blob and copy["f"] is formula

    def test_pointers_kept_or_resolved(self):
        pointer = Pointer("$t", lambda: Time(7), None)
        assert shared.deep_copy(Coll([pointer]))[0] is pointer
        assert shared.deep_copy(Coll([pointer]), resolve_pointers=True)[0] == 7.0

    def test_object_inside_itself(self):
        loop = Obj()
        loop["self"] = loop
        copy = shared.deep_copy(loop)
        assert copy is not loop and copy["self"] is copy
