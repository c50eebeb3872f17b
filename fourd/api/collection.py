"""The Collection class: member functions and the ``length`` property of :class:`Coll`.

Spec: ``API/CollectionClass.md`` (4D 21) and ``Concepts/dt_collection.md``.
The query language of ``.query()`` and ``.indices()`` lives in
``api.collection_query``.

Conventions shared by every function here:

* index arguments are 4D numbers (float or int), converted by
  :func:`_integer`; negative indexes count from the end where the page says
  so, each function clamping them as its own page describes;
* a callback is a Formula or a project method name. It receives a parameter
  object (``$1``), created once per call and reset for each element, then the
  extra parameters; its answer is its return value or else ``$1.result``.
  A formula compiled with a callback form (``compiler.codegen.callback_form``:
  it only reads ``$1.value``/``$1.accumulator`` and sets ``$1.result`` or
  ``$1.accumulator``) is called with the element instead, no object needed;
* functions that modify a shared collection run inside an internal
  ``Use…End use`` (``Concepts/shared.md``: "all collection functions that
  modify the shared object or collection insert an internal Use...End use");
  what they store must be shareable (``runtime.shared.admit``);
* wrong arguments (type or count) are error 54, as for commands
  (``commands.arguments``): no page gives a code of its own.
"""
from __future__ import annotations

import functools
from typing import Callable

from ..runtime import operators, shared
from ..runtime.arity import arity
from ..runtime.builtins import builtin_class
from ..runtime.conversions import empty_like, to_longint
from ..runtime.errors import Codes, fail
from ..runtime.formula import Formula, invoke
from ..runtime.members import member_function, member_property
from ..runtime.values import UNDEFINED, Coll, Date, Obj, Pointer, Time, is_number
from ..syntax.catalog import constant_by_name

builtin_class("Collection", new=None, module=__name__)


@functools.cache
def _constant(name: str) -> int:
    """A 4D constant of the "Objects and collections" theme (``ck shared``…)
    these functions take, from the catalog (read when first needed)."""
    return constant_by_name(name).value


def __getattr__(name: str):
    """``CK_SHARED``…: the constants as module attributes (read on first use)."""
    if name.startswith("CK_"):
        return _constant(name.lower().replace("_", " "))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

def _integer(value, what: str) -> int:
    """A 4D number argument as an Integer (reals are rounded, as 4D converts them)."""
    if is_number(value):
        return to_longint(value)
    raise BadArgument(f"{what} must be a number")


def _text(value, what: str) -> str:
    if type(value) is not str:
        raise BadArgument(f"{what} must be a text")
    return value


def _collection(value, what: str) -> Coll:
    if not isinstance(value, Coll):
        raise BadArgument(f"{what} must be a collection")
    return value


def _position(index, length: int) -> int:
    """Where to insert/remove/fill from: negative counts from the end, clamped to 0..length."""
    if index < 0:
        index += length
    return 0 if index < 0 else min(index, length)


def _end(end, length: int) -> int:
    """An end index (excluded): negative counts from the end, clamped to length."""
    return end + length if end < 0 else min(end, length)


def _start(value, length: int) -> int:
    """A search's *startFrom*: negative counts from the end (0 at least)."""
    start = _integer(value, "startFrom")
    return max(start + length, 0) if start < 0 else start


def _search_start(args: tuple, length: int) -> tuple[int, tuple]:
    """The optional leading *startFrom* of a callback search, and the other arguments."""
    if args and is_number(args[0]):
        return _start(args[0], length), args[1:]
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
    return keys_reader(_text(path, "propertyPath").split("."))


def keys_reader(keys: list) -> Callable:
    """A function following the property names *keys* from an element, or UNDEFINED."""
    if len(keys) == 1:
        key = keys[0]
        return lambda value: dict.get(value, key, UNDEFINED) if isinstance(value, Obj) else UNDEFINED

    def read(value):
        for key in keys:
            if not isinstance(value, Obj):
                return UNDEFINED
            value = dict.get(value, key, UNDEFINED)
        return value

    return read


def _values(coll: Coll, path) -> list:
    """The elements, or their *path* property when a path is given."""
    if path is None:
        return coll
    return list(map(path_reader(path), coll))


def _write_path(target: Obj, path: str, value) -> None:
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


def _exact_order_key(value) -> tuple:
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


def _comparator_key(callback, params: tuple) -> Callable:
    """A sort key from a callback answering ``$1.value < $1.value2``."""
    less = _comparison(callback, params)
    return lambda value: _Ordered(value, less)


def _is_descending(value) -> bool:
    """True for ``ck descending``."""
    return _integer(value, "ascOrDesc") == _constant("ck descending")


# ------------------------------------------------------------------ callbacks

def _callable(callback) -> Callable:
    """The Python function ``f(this, *args)`` running *callback* (formula or method name)."""
    if isinstance(callback, Formula):
        return callback.func
    if type(callback) is str:
        return lambda this, *args: invoke(callback, *args)
    raise BadArgument("formula or methodName expected")


def _answers(items, callback, params: tuple, until: bool | None = None) -> list:
    """The answers of *callback* for the items, in order: its return value or
    else ``$1.result``. Stops after the item where ``$1.stop`` is set, or
    whose answer is true (*until* True) or not true (*until* False)."""
    call = _callable(callback)
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
    """:func:`_answers` of a formula's callback form ``each(this, value,
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
    call = _callable(callback)
    param = Obj()

    def less(a, b) -> bool:
        param["value"] = a
        param["value2"] = b
        answer = call(None, param, *params) if params else call(None, param)
        result = param.pop("result", UNDEFINED)
        return (result if answer is None or answer is UNDEFINED else answer) is True

    return less


def _scan(coll: Coll, args: tuple, wanted: bool) -> int | None:
    """Index of the first element whose answer is *wanted*, -1 if none (or
    stopped), None when *startFrom* is past the end (every/some/find/findIndex)."""
    start, args = _search_start(args, len(coll))
    if not args:
        raise BadArgument("formula or methodName expected")
    if start >= len(coll):
        return None
    answers = _answers(coll[start:], args[0], args[1:], until=wanted)
    if answers and (answers[-1] is True) is wanted:
        return start + len(answers) - 1
    return -1


# ------------------------------------------------------------------ equality

def _matcher(target) -> Callable:
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


def _distinct_key(value, exact: bool):
    """Values with the same key are the same for ``.distinct()``."""
    rank = type_rank(value)
    if rank == TEXT_RANK:
        return rank, (value if exact else operators.collation_key(value))
    if rank in (OBJECT_RANK, COLLECTION_RANK):
        return rank, id(value)
    return order_key(value)


# ================================================================ the functions

@member_property(Coll, "length")
def length(coll: Coll) -> int:
    return len(coll)


@collection_function("at")
def at(coll: Coll, index):
    index = _integer(index, "index")
    if index < 0:
        index += len(coll)
    return coll[index] if 0 <= index < len(coll) else UNDEFINED


@collection_function("first")
def first(coll: Coll):
    return coll[0] if coll else UNDEFINED


@collection_function("last")
def last(coll: Coll):
    return coll[-1] if coll else UNDEFINED


# ---------------------------------------------------------------- aggregates

def _numbers(coll: Coll, path) -> list:
    return [value for value in _values(coll, path) if is_number(value)]


@collection_function("sum")
def sum_(coll: Coll, propertyPath=None) -> float:
    return float(sum(_numbers(coll, propertyPath)))


@collection_function("average")
def average(coll: Coll, propertyPath=None):
    numbers = _numbers(coll, propertyPath)
    return sum(numbers) / len(numbers) if numbers else UNDEFINED


@collection_function("count")
def count(coll: Coll, propertyPath=None) -> float:
    values = _values(coll, propertyPath)
    return float(sum(1 for value in values if value is not None and value is not UNDEFINED))


@collection_function("countValues")
def count_values(coll: Coll, value, propertyPath=None) -> float:
    matches = _matcher(value)
    return float(sum(1 for item in _values(coll, propertyPath) if matches(item)))


def _extreme(coll: Coll, path, highest: bool):
    """min/max: the first (last) element of the collection sorted by ``.sort()``.

    Only the elements of the lowest (highest) type count; objects and
    collections have no order, so the first (last) of them is taken.
    """
    values = [value for value in _values(coll, path) if value is not UNDEFINED]
    if not values:
        return UNDEFINED
    pick = max if highest else min
    rank = pick(map(type_rank, values))
    candidates = [value for value in values if type_rank(value) == rank]
    if rank in (OBJECT_RANK, COLLECTION_RANK, NULL_RANK):
        return candidates[-1] if highest else candidates[0]
    return pick(candidates, key=order_key)


@collection_function("max")
def max_(coll: Coll, propertyPath=None):
    return _extreme(coll, propertyPath, highest=True)


@collection_function("min")
def min_(coll: Coll, propertyPath=None):
    return _extreme(coll, propertyPath, highest=False)


# ---------------------------------------------------------------- searching

@collection_function("indexOf")
def index_of(coll: Coll, toSearch, startFrom=0) -> int:
    start = _start(startFrom, len(coll))
    matches = _matcher(toSearch)
    for index in range(start, len(coll)):
        if matches(coll[index]):
            return index
    return -1


@collection_function("includes")
def includes(coll: Coll, toSearch, startFrom=0) -> bool:
    return index_of(coll, toSearch, startFrom) >= 0


@collection_function("lastIndexOf")
def last_index_of(coll: Coll, toSearch, startFrom=None) -> int:
    length = len(coll)
    start = length - 1
    if startFrom is not None:
        start = _integer(startFrom, "startFrom")
        # The page: a startFrom of 0, or negative even from the end, searches nothing.
        if start == 0 or start + length < 0:
            return -1
        if start < 0:
            start += length
    matches = _matcher(toSearch)
    for index in range(min(start, length - 1), -1, -1):
        if matches(coll[index]):
            return index
    return -1


@collection_function("find")
def find(coll: Coll, *args):
    index = _scan(coll, args, True)
    return coll[index] if index is not None and index >= 0 else UNDEFINED


@collection_function("findIndex")
def find_index(coll: Coll, *args) -> int:
    index = _scan(coll, args, True)
    return -1 if index is None else index


@collection_function("some")
def some(coll: Coll, *args) -> bool:
    index = _scan(coll, args, True)
    return index is not None and index >= 0


@collection_function("every")
def every(coll: Coll, *args) -> bool:
    index = _scan(coll, args, False)
    return index is not None and index < 0


# ---------------------------------------------------------------- callbacks

@collection_function("map")
def map_(coll: Coll, callback, *params) -> Coll:
    return Coll(map(element, _answers(coll, callback, params)))


@collection_function("flatMap")
def flat_map(coll: Coll, callback, *params) -> Coll:
    return _flatten(map_(coll, callback, *params), 1)


@collection_function("filter")
def filter_(coll: Coll, callback, *params) -> Coll:
    answers = _answers(coll, callback, params)
    return same_kind_result(coll, (value for value, answer in zip(coll, answers) if answer is True))


def _reduce(items, callback, args: tuple):
    call = _callable(callback)
    params = args[1:]
    each = getattr(call, "each_accumulator", None)
    if each is not None:
        # The callback form of $1.accumulator:=…: the accumulator is kept
        # here as the parameter object would hold it (access.set_member).
        accumulator = args[0] if args else UNDEFINED
        for value in items:
            new = each(None, value, accumulator, *params)
            accumulator = new if type(new) is float else _assigned(new, accumulator)
        return accumulator
    param = Obj()
    if args:
        param["accumulator"] = args[0]
    for value in items:
        param["value"] = value
        if params:
            call(None, param, *params)
        else:
            call(None, param)
        if param.get("stop") is True:
            break
    return param.get("accumulator", UNDEFINED)


def _assigned(new, current):
    """What a property holding *current* (Undefined: none) holds after
    ``:= new`` in a plain object (access.set_member): an Undefined value
    resets it to the empty value of its type (dt_object.md)."""
    if new is not UNDEFINED:
        return shared.stored_value(new)
    if current is None or current is UNDEFINED:
        return current
    return empty_like(current)


@collection_function("reduce")
def reduce(coll: Coll, callback, *args):
    """``.reduce(callback {; initValue {; ...param}})``."""
    return _reduce(coll, callback, args)


@collection_function("reduceRight")
def reduce_right(coll: Coll, callback, *args):
    return _reduce(reversed(coll), callback, args)


# ---------------------------------------------------------------- new collections

@collection_function("concat")
def concat(coll: Coll, *values) -> Coll:
    result = Coll(coll)
    for value in values:
        if isinstance(value, Coll):
            result.extend(value)
        else:
            result.append(element(value))
    return result


@collection_function("copy")
def copy(coll: Coll, option=0, groupWith=None) -> Coll:
    option = _integer(option, "option")
    if groupWith is not None and not isinstance(groupWith, (Obj, Coll)):
        raise BadArgument("groupWith must be a shared object or collection")
    result = shared.deep_copy(coll, bool(option & _constant("ck resolve pointers")))
    if option & _constant("ck shared"):
        return shared.make_shared(result, groupWith)
    return result


@collection_function("slice")
def slice_(coll: Coll, startFrom, end=None) -> Coll:
    length = len(coll)
    start = _position(_integer(startFrom, "startFrom"), length)
    stop = length if end is None else _end(_integer(end, "end"), length)
    return same_kind_result(coll, coll[start:stop])


@collection_function("reverse")
def reverse(coll: Coll) -> Coll:
    """A deep copy in reverse order (shared if the collection is)."""
    result = shared.deep_copy(coll)
    result.reverse()
    return result if coll.shared is None else shared.make_shared(result)


def _flatten(items: Coll, depth: int, expanding: frozenset | None = None) -> Coll:
    """The items with sub-collections expanded *depth* levels deep; a
    collection met inside itself (*expanding*) is kept as an element."""
    expanding = expanding or frozenset((id(items),))
    result = Coll()
    for value in items:
        if depth > 0 and isinstance(value, Coll) and id(value) not in expanding:
            result.extend(_flatten(value, depth - 1, expanding | {id(value)}))
        else:
            result.append(value)
    return result


@collection_function("flat")
def flat(coll: Coll, depth=1) -> Coll:
    return _flatten(coll, _integer(depth, "depth"))


@collection_function("extract")
def extract(coll: Coll, propertyPath, *more) -> Coll:
    """``.extract(path {; option})`` or ``.extract(path; targetPath {; path2; targetPath2…})``."""
    read = path_reader(propertyPath)
    if not more or (len(more) == 1 and is_number(more[0])):
        keep_null = bool(more) and bool(_integer(more[0], "option") & _constant("ck keep null"))
        values = (element(read(item)) for item in coll)
        return Coll(value for value in values if keep_null or value is not None)
    if len(more) % 2 == 0:
        raise BadArgument("each propertyPath needs a targetPath")
    pairs = [(read, _text(more[0], "targetPath"))]
    for index in range(1, len(more), 2):
        pairs.append((path_reader(more[index]), _text(more[index + 1], "targetPath")))
    result = Coll()
    for item in coll:
        extracted = Obj()
        for reader, target in pairs:
            value = reader(item)
            if value is not UNDEFINED:
                _write_path(extracted, target, value)
        if extracted:
            result.append(extracted)
    return result


@collection_function("distinct")
def distinct(coll: Coll, *args) -> Coll:
    """``.distinct({options})`` or ``.distinct(propertyPath {; options})``."""
    path = None
    if args and type(args[0]) is str:
        path, args = args[0], args[1:]
    if len(args) > 1:
        raise BadArgument("too many parameters")
    options = _integer(args[0], "options") if args else 0
    exact = bool(options & _constant("ck diacritical"))
    counts: dict = {}
    for value in _values(coll, path):
        if value is None or value is UNDEFINED:
            continue
        entry = counts.setdefault(_distinct_key(value, exact), [value, 0])
        entry[1] += 1
    key = _exact_order_key if exact else order_key
    entries = sorted(counts.values(), key=lambda entry: key(entry[0]))
    if options & _constant("ck count values"):
        return Coll(Obj(value=value, count=float(number)) for value, number in entries)
    return Coll(value for value, _ in entries)


@collection_function("equal")
def equal(coll: Coll, collection2, option=0) -> bool:
    _collection(collection2, "collection2")
    return deep_equal(coll, collection2, bool(_integer(option, "option") & _constant("ck diacritical")))


@collection_function("join")
def join(coll: Coll, delimiter, option=0) -> str:
    """Elements as texts: Null is "null", other non-texts as JSON writes them."""
    from ..runtime.json_text import stringify      # here: JSON is not needed at start-up
    delimiter = _text(delimiter, "delimiter")
    skip_empty = bool(_integer(option, "option") & _constant("ck ignore null or empty"))
    parts = []
    for value in coll:
        if value is None or value is UNDEFINED:
            if not skip_empty:
                parts.append("null")
        elif type(value) is str:
            if value or not skip_empty:
                parts.append(value)
        else:
            parts.append(stringify(value))
    return delimiter.join(parts)


# ---------------------------------------------------------------- ordering

def criteria_levels(criteria) -> list:
    """orderBy criteria ("a.b desc, c" or a collection of
    {propertyPath; descending}) as (key function, descending) levels."""
    levels = []
    if type(criteria) is str:
        for part in criteria.split(","):
            words = part.split()
            if not words or len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
                raise BadArgument(f"invalid criteria {part.strip()!r}")
            descending = len(words) == 2 and words[1].lower() == "desc"
            levels.append((words[0], descending))
    else:
        for criterion in _collection(criteria, "criteria"):
            if not isinstance(criterion, Obj):
                raise BadArgument("criteria must be objects")
            levels.append((criterion.get("propertyPath"), criterion.get("descending") is True))
    return [(_path_order_key(path), descending) for path, descending in levels]


def _path_order_key(path) -> Callable:
    read = path_reader(path)
    return lambda value: order_key(read(value))


@collection_function("orderBy")
def order_by(coll: Coll, criteria=None) -> Coll:
    """A sorted shallow copy: ``.orderBy({ascOrDesc | pathStrings | pathObjects})``."""
    if criteria is None or is_number(criteria):
        return same_kind_result(coll, _sorted(coll, () if criteria is None else (criteria,)))
    return same_kind_result(coll, sort_levels(coll, criteria_levels(criteria)))


@collection_function("orderByMethod")
def order_by_method(coll: Coll, callback, *params) -> Coll:
    return same_kind_result(coll, sorted(coll, key=_comparator_key(callback, params)))


def _default_key(items) -> Callable | None:
    """The key of the default order for *items*: cheaper when all are numbers
    (their natural order) or all texts."""
    kinds = set(map(type, items))
    if kinds <= {float, int}:
        return None
    if kinds == {str}:
        return operators.collation_key
    return order_key


def _sorted(coll: Coll, args: tuple) -> list:
    """The elements in the order of ``.sort(args)``."""
    if args and not is_number(args[0]):
        return sorted(coll, key=_comparator_key(args[0], args[1:]))
    if len(args) > 1:
        raise BadArgument("too many parameters")
    descending = bool(args) and _is_descending(args[0])
    return sorted(coll, key=_default_key(coll), reverse=descending)


@collection_function("sort", mutates=True)
def sort(coll: Coll, *args) -> Coll:
    """``.sort({ascOrDesc})`` or ``.sort(callback {; ...extraParam})``."""
    coll[:] = _sorted(coll, args)
    return coll


@collection_function("multiSort", mutates=True)
def multi_sort(coll: Coll, *args) -> Coll:
    """``.multiSort({{formula;} colsToSort})``: synchronized multi-level sort.

    Every collection of *colsToSort* is a sort level after the collection
    itself (ascending, or as its {collection; order} object says).
    """
    if not args:
        return sort(coll)
    if isinstance(args[0], Coll):
        if len(args) > 1:
            raise BadArgument("too many parameters")
        first_key, cols = order_key, args[0]
    else:
        if len(args) < 2:
            raise BadArgument("colsToSort expected")
        first_key, cols = _comparator_key(args[0], args[2:]), args[1]
    levels = []
    for item in _collection(cols, "colsToSort"):
        if isinstance(item, Obj):
            target = _collection(dict.get(item, "collection"), "colsToSort[].collection")
            descending = is_number(dict.get(item, "order")) and _is_descending(item["order"])
        else:
            target, descending = _collection(item, "colsToSort[]"), False
        if len(target) != len(coll):
            raise BadArgument("all collections to sort must have the same length")
        levels.append((target, descending))
    keys = [(lambda i, key=first_key: key(coll[i]), False)]
    keys += [(lambda i, c=target: order_key(c[i]), descending) for target, descending in levels]
    permutation = sort_levels(range(len(coll)), keys)
    for target in [coll] + [target for target, _ in levels]:
        _rearrange(target, permutation)
    return coll


def _rearrange(target: Coll, permutation: list) -> None:
    items = [target[index] for index in permutation]
    if target.shared is not None:
        with shared.use(target):
            target[:] = items
    else:
        target[:] = items


# ---------------------------------------------------------------- modifying

@collection_function("push", mutates=True)
def push(coll: Coll, *elements) -> Coll:
    coll.extend(store_element(coll, value) for value in elements)
    return coll


@collection_function("unshift", mutates=True)
def unshift(coll: Coll, *values) -> Coll:
    coll[0:0] = [store_element(coll, value) for value in values]
    return coll


@collection_function("pop", mutates=True)
def pop(coll: Coll):
    return coll.pop() if coll else UNDEFINED


@collection_function("shift", mutates=True)
def shift(coll: Coll):
    return coll.pop(0) if coll else UNDEFINED


@collection_function("insert", mutates=True)
def insert(coll: Coll, index, value) -> Coll:
    coll.insert(_position(_integer(index, "index"), len(coll)), store_element(coll, value))
    return coll


@collection_function("combine", mutates=True)
def combine(coll: Coll, col2, index=None) -> Coll:
    values = [store_element(coll, value) for value in _collection(col2, "col2")]
    position = len(coll) if index is None else _position(_integer(index, "index"), len(coll))
    coll[position:position] = values
    return coll


@collection_function("remove", mutates=True)
def remove(coll: Coll, index, howMany=1) -> Coll:
    start = _position(_integer(index, "index"), len(coll))
    count = _integer(howMany, "howMany")
    if count > 0:
        del coll[start:start + count]
    return coll


@collection_function("clear", mutates=True)
def clear(coll: Coll) -> Coll:
    coll.clear()
    return coll


@collection_function("fill", mutates=True)
def fill(coll: Coll, value, startFrom=0, end=None) -> Coll:
    length = len(coll)
    start = _position(_integer(startFrom, "startFrom"), length)
    stop = length if end is None else _end(_integer(end, "end"), length)
    value = store_element(coll, value)
    for index in range(start, stop):
        coll[index] = value
    return coll


@collection_function("resize", mutates=True)
def resize(coll: Coll, size, defaultValue=None) -> Coll:
    size = max(_integer(size, "size"), 0)
    if size < len(coll):
        del coll[size:]
    else:
        coll.extend([store_element(coll, defaultValue)] * (size - len(coll)))
    return coll


# .query() and .indices() are registered by the query language module.
from . import collection_query  # noqa: E402,F401
