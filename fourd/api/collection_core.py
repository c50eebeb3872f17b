"""What the Collection member functions share (``api.collection``): their
registration with its argument-count check, argument conversions, how
elements are stored and read, the ordering of values, calling callbacks
and deep equality."""
from __future__ import annotations

import functools
from typing import Callable

from ..runtime import operators, shared
from ..runtime.arity import arity
from ..runtime.classes import NativeObject
from ..runtime.conversions import to_longint
from ..runtime.errors import Codes, fail
from ..runtime.formula import Formula, invoke
from ..runtime.members import member_function, properties_of
from ..runtime.values import UNDEFINED, Coll, Date, Obj, Pointer, Time, is_number
from ..syntax.catalog import constant_by_name


@functools.cache
def constant(name: str) -> int:
    """A 4D constant of the "Objects and collections" theme (``ck shared``…)
    these functions take, from the catalog (read when first needed)."""
    return constant_by_name(name).value



class BadArgument(Exception):
    """A wrong argument: the registration wrapper turns it into a 4D error."""


# ---------------------------------------------------------------- registration

def collection_function(name: str, *, mutates: bool = False):
    """Register ``func(coll, *args)`` as the 4D member function *name* of collections.

    The wrapper checks the argument count against the Python signature,
    turns :class:`BadArgument` into a 4D error and, for functions that
    modify the collection (*mutates*), holds a shared collection in use.
    """

    def register(func: Callable) -> Callable:
        least, most = arity(func, skip=1)

        @functools.wraps(func)
        def member(coll, *args):
            try:
                if not least <= len(args) <= most:
                    raise BadArgument(f"wrong number of parameters ({len(args)})")
                if mutates and coll.shared is not None:
                    with shared.use(coll):
                        return func(coll, *args)
                return func(coll, *args)
            except BadArgument as error:
                problem = str(error)
            # Signalled outside the handler: the 4D error has no Python context.
            return fail(Codes.TYPE_MISMATCH, f"Argument types are incompatible: .{name}(): {problem}")

        member_function(Coll, name)(member)
        return func

    return register


# ------------------------------------------------------------ argument helpers

def integer_arg(value, what: str) -> int:
    """A 4D number argument as an Integer (reals are rounded, as 4D converts them)."""
    if is_number(value):
        return to_longint(value)
    raise BadArgument(f"{what} must be a number")


def text_arg(value, what: str) -> str:
    if type(value) is not str:
        raise BadArgument(f"{what} must be a text")
    return value


def collection_arg(value, what: str) -> Coll:
    if not isinstance(value, Coll):
        raise BadArgument(f"{what} must be a collection")
    return value


def clamp_position(index, length: int) -> int:
    """Where to insert/remove/fill from: negative counts from the end, clamped to 0..length."""
    if index < 0:
        index += length
    return 0 if index < 0 else min(index, length)


def end_position(end, length: int) -> int:
    """An end index (excluded): negative counts from the end, clamped to length."""
    return end + length if end < 0 else min(end, length)


def start_position(value, length: int) -> int:
    """A search's *startFrom*: negative counts from the end (0 at least)."""
    start = integer_arg(value, "startFrom")
    return max(start + length, 0) if start < 0 else start


def _search_start(args: tuple, length: int) -> tuple[int, tuple]:
    """The optional leading *startFrom* of a callback search, and the other arguments."""
    if args and is_number(args[0]):
        return start_position(args[0], length), args[1:]
    return 0, args


# ---------------------------------------------------------------- element values

def element(value):
    """*value* as a collection stores it: Undefined becomes Null ("If an element
    is undefined, it will appear as Null", dt_collection.md), the rest as
    ``runtime.shared.stored_value`` says (Integer → Real, time → seconds…)."""
    kind = type(value)
    if kind is float or kind is str:
        return value
    if value is UNDEFINED:
        return None
    return shared.stored_value(value)


def store_element(coll: Coll, value):
    """*value* ready to be put into *coll*: a shared collection takes only
    shareable values (others are an error and stored as Null)."""
    value = element(value)
    if coll.shared is not None:
        value = shared.admit(coll, value)
        return None if value is shared.REJECTED else value
    return value


def same_kind_result(coll: Coll, items) -> Coll:
    """A new collection of *items*, shared in *coll*'s group if *coll* is
    shared (filter, slice, orderBy…: its elements are in that group)."""
    result = Coll(items)
    return result if coll.shared is None else shared.make_shared(result, coll)


def path_reader(path) -> Callable:
    """A function reading the property *path* ("a.b.c") of an element, or UNDEFINED."""
    return keys_reader(text_arg(path, "propertyPath").split("."))


def native_property(value, key: str):
    """The property *key* of an element that is not a plain object: the
    registered properties of built-in objects (``$folder.files().query("size > 0")``,
    ``.orderBy("modificationDate")``); UNDEFINED for anything else."""
    if isinstance(value, NativeObject):
        getter = properties_of(type(value)).get(key)
        if getter is not None:
            return getter(value)
    return UNDEFINED


def keys_reader(keys: list) -> Callable:
    """A function following the property names *keys* from an element, or UNDEFINED."""
    if len(keys) == 1:
        key = keys[0]
        return lambda value: dict.get(value, key, UNDEFINED) if isinstance(value, Obj) \
            else native_property(value, key)

    def read(value):
        for key in keys:
            value = dict.get(value, key, UNDEFINED) if isinstance(value, Obj) else native_property(value, key)
        return value

    return read


def values_at(coll: Coll, path) -> list:
    """The elements, or their *path* property when a path is given."""
    if path is None:
        return coll
    return list(map(path_reader(path), coll))


def write_path(target: Obj, path: str, value) -> None:
    *parents, last = path.split(".")
    for key in parents:
        child = dict.get(target, key)
        if not isinstance(child, Obj):
            child = target[key] = Obj()
        target = child
    target[last] = value


# ------------------------------------------------------------------ ordering

# Type order of mixed collections (sort(), orderBy(), min(), max()…):
# null, booleans, strings, numbers, objects, collections, dates.
NULL_RANK, BOOL_RANK, TEXT_RANK, NUMBER_RANK, OBJECT_RANK, COLLECTION_RANK, DATE_RANK = range(7)


def type_rank(value) -> int:
    kind = type(value)
    if kind is str:
        return TEXT_RANK
    if kind is float or kind is int or kind is Time:
        return NUMBER_RANK
    if kind is bool:
        return BOOL_RANK
    if value is None or value is UNDEFINED:
        return NULL_RANK
    if kind is Date:
        return DATE_RANK
    if isinstance(value, Coll):
        return COLLECTION_RANK
    return OBJECT_RANK


def order_key(value) -> tuple:
    """Sort key of the default order. Objects and collections have no order
    among themselves: they keep their relative positions (stable sorts)."""
    rank = type_rank(value)
    if rank == TEXT_RANK:
        return rank, operators.collation_key(value)
    if rank == NUMBER_RANK:
        return rank, (value.seconds if type(value) is Time else value)
    if rank == BOOL_RANK:
        return rank, value
    if rank == DATE_RANK:
        return rank, value.ordinal()
    return rank, 0


def exact_order_key(value) -> tuple:
    """Order key telling case and accents apart (``ck diacritical``): "a" < "A" < "b"."""
    if type(value) is str:
        # Within a collation-equal group, lowercase first as 4D lists them.
        return TEXT_RANK, operators.collation_key(value), value.swapcase()
    return order_key(value)


def sort_levels(items: list, levels) -> list:
    """*items* sorted by several (key function, descending) levels, the first one major."""
    result = list(items)
    for key, descending in reversed(levels):
        result.sort(key=key, reverse=descending)
    return result


class _Ordered:
    """Sort key calling a 4D comparator: Python's sort only uses ``<``."""

    __slots__ = ("value", "less")

    def __init__(self, value, less):
        self.value = value
        self.less = less

    def __lt__(self, other: "_Ordered") -> bool:
        return self.less(self.value, other.value)


def comparator_key(callback, params: tuple) -> Callable:
    """A sort key from a callback answering ``$1.value < $1.value2``."""
    less = _comparison(callback, params)
    return lambda value: _Ordered(value, less)


def is_descending(value) -> bool:
    """True for ``ck descending``."""
    return integer_arg(value, "ascOrDesc") == constant("ck descending")


# ------------------------------------------------------------------ callbacks

def as_callable(callback) -> Callable:
    """The Python function ``f(this, *args)`` running *callback* (formula or method name)."""
    if isinstance(callback, Formula):
        return callback.func
    if type(callback) is str:
        return lambda this, *args: invoke(callback, *args)
    raise BadArgument("formula or methodName expected")


def callback_answers(items, callback, params: tuple, until: bool | None = None) -> list:
    """The answers of *callback* for the items, in order: its return value or
    else ``$1.result``. Stops after the item where ``$1.stop`` is set, or
    whose answer is true (*until* True) or not true (*until* False)."""
    call = as_callable(callback)
    each = getattr(call, "each_answer", None)
    if each is not None:
        return _direct_answers(items, each, params, until)
    param = Obj()
    answers = []
    append = answers.append
    for value in items:
        param["value"] = value
        # Unpacking even an empty tuple doubles the cost of the call.
        answer = call(None, param, *params) if params else call(None, param)
        if answer is None or answer is UNDEFINED:
            answer = param.get("result", UNDEFINED)
        append(answer)
        if until is not None and (answer is True) is until:
            break
        if len(param) > 1:      # only "value" unless the callback set more
            if param.get("stop") is True:
                break
            param.clear()
    return answers


def _direct_answers(items, each, params: tuple, until: bool | None) -> list:
    """:func:`callback_answers` of a formula's callback form ``each(this, value,
    accumulator, …params)``: it cannot set ``$1.stop``; None and Undefined
    both mean no answer, as for the other callbacks."""
    if until is None:
        if params:
            return [each(None, value, UNDEFINED, *params) for value in items]
        return [each(None, value, UNDEFINED) for value in items]
    answers = []
    for value in items:
        answer = each(None, value, UNDEFINED, *params)
        answers.append(answer)
        if (answer is True) is until:
            break
    return answers


def _comparison(callback, params: tuple) -> Callable:
    """``less(a, b)``: *callback* called with ``$1.value`` and ``$1.value2``."""
    call = as_callable(callback)
    param = Obj()

    def less(a, b) -> bool:
        param["value"] = a
        param["value2"] = b
        answer = call(None, param, *params) if params else call(None, param)
        result = param.pop("result", UNDEFINED)
        return (result if answer is None or answer is UNDEFINED else answer) is True

    return less


def scan(coll: Coll, args: tuple, wanted: bool) -> int | None:
    """Index of the first element whose answer is *wanted*, -1 if none (or
    stopped), None when *startFrom* is past the end (every/some/find/findIndex)."""
    start, args = _search_start(args, len(coll))
    if not args:
        raise BadArgument("formula or methodName expected")
    if start >= len(coll):
        return None
    answers = callback_answers(coll[start:], args[0], args[1:], until=wanted)
    if answers and (answers[-1] is True) is wanted:
        return start + len(answers) - 1
    return -1


# ------------------------------------------------------------------ equality

def matcher(target) -> Callable:
    """Whether an element equals *target* with the ``=`` operator of its type
    (indexOf, includes, countValues): types must match, text takes ``@``."""
    if target is None or target is UNDEFINED:
        return lambda value: value is None
    rank = type_rank(target)
    if rank in (OBJECT_RANK, COLLECTION_RANK):
        if isinstance(target, Pointer):
            return lambda value: value == target
        return lambda value: value is target
    eq = operators.eq
    return lambda value: type_rank(value) == rank and eq(value, target)


def _same_text(a: str, b: str, exact: bool) -> bool:
    return a == b if exact else operators.compare_text(a, b) == 0


def deep_equal(a, b, exact: bool = False, pending: set | None = None) -> bool:
    """``.equal()``: recursive comparison of values (text per *exact*).

    *pending* holds the pairs of containers being compared, so that a
    structure containing itself compares equal instead of looping.
    """
    kind = type(a)
    if kind is str:
        return type(b) is str and _same_text(a, b, exact)
    if kind is bool or type(b) is bool:
        return kind is type(b) and a == b
    if is_number(a):
        return is_number(b) and operators.eq(a, b)
    if kind is Date:
        return a == b
    if kind is Formula and type(b) is Formula and a is not b:
        # Two formula objects are alike when their code is: public test code
        # (AJ_Tools_UnitTest) expects Formula(m) to equal another Formula(m).
        return a.source == b.source and a.source != "" and deep_equal(Obj(a), Obj(b), exact, pending)
    if a is b or (kind is not Coll and kind is not Obj) or type(b) is not kind or len(a) != len(b):
        return a is b
    pending = set() if pending is None else pending
    pair = (id(a), id(b))
    if pair in pending:
        return True
    pending.add(pair)
    if kind is Coll:
        return all(deep_equal(x, y, exact, pending) for x, y in zip(a, b))
    return a.keys() == b.keys() and all(deep_equal(value, dict.__getitem__(b, key), exact, pending)
                                        for key, value in a.items())


def distinct_key(value, exact: bool):
    """Values with the same key are the same for ``.distinct()``."""
    rank = type_rank(value)
    if rank == TEXT_RANK:
        return rank, (value if exact else operators.collation_key(value))
    if rank in (OBJECT_RANK, COLLECTION_RANK):
        return rank, id(value)
    return order_key(value)


# ================================================================ the functions
