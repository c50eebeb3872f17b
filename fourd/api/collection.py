"""The Collection class: member functions and the ``length`` property of :class:`Coll`.

Spec: ``API/CollectionClass.md`` (4D 21) and ``Concepts/dt_collection.md``.
The query language of ``.query()`` and ``.indices()`` lives in
``api.collection_query``.

Conventions shared by every function here:

* index arguments are 4D numbers (float or int), converted by
  :func:`integer_arg`; negative indexes count from the end where the page says
  so, each function clamping them as its own page describes;
* a callback is a Formula or a project method name. It receives a parameter
  object (``$1``), created once per call and reset for each element, then the
  extra parameters; its answer is its return value or else ``$1.result``.
  A formula compiled with a callback form (``compiler.formulas.callback_form``:
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

from typing import Callable

from ..runtime import operators, shared
from ..runtime.builtins import builtin_class
from ..runtime.conversions import empty_like
from ..runtime.members import member_property
from ..runtime.values import UNDEFINED, Coll, Obj, is_number
from .collection_core import (BadArgument, COLLECTION_RANK, NULL_RANK, OBJECT_RANK, as_callable,
                              callback_answers, clamp_position, collection_arg,
                              collection_function, comparator_key, constant,
                              deep_equal, distinct_key, element, end_position,
                              exact_order_key, integer_arg, is_descending,
                              matcher, order_key, path_reader, same_kind_result,
                              scan, sort_levels, start_position, store_element,
                              text_arg, type_rank, values_at, write_path)

builtin_class("Collection", new=None, module=__name__)



def __getattr__(name: str):
    """``CK_SHARED``…: the constants as module attributes (read on first use)."""
    if name.startswith("CK_"):
        return constant(name.lower().replace("_", " "))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")




@member_property(Coll, "length")
def length(coll: Coll) -> int:
    return len(coll)


@collection_function("at")
def at(coll: Coll, index):
    index = integer_arg(index, "index")
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
    return [value for value in values_at(coll, path) if is_number(value)]


@collection_function("sum")
def sum_(coll: Coll, propertyPath=None) -> float:
    return float(sum(_numbers(coll, propertyPath)))


@collection_function("average")
def average(coll: Coll, propertyPath=None):
    numbers = _numbers(coll, propertyPath)
    return sum(numbers) / len(numbers) if numbers else UNDEFINED


@collection_function("count")
def count(coll: Coll, propertyPath=None) -> float:
    values = values_at(coll, propertyPath)
    return float(sum(1 for value in values if value is not None and value is not UNDEFINED))


@collection_function("countValues")
def count_values(coll: Coll, value, propertyPath=None) -> float:
    matches = matcher(value)
    return float(sum(1 for item in values_at(coll, propertyPath) if matches(item)))


def _extreme(coll: Coll, path, highest: bool):
    """min/max: the first (last) element of the collection sorted by ``.sort()``.

    Only the elements of the lowest (highest) type count; objects and
    collections have no order, so the first (last) of them is taken.
    """
    values = [value for value in values_at(coll, path) if value is not UNDEFINED]
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
    start = start_position(startFrom, len(coll))
    matches = matcher(toSearch)
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
        start = integer_arg(startFrom, "startFrom")
        # The page: a startFrom of 0, or negative even from the end, searches nothing.
        if start == 0 or start + length < 0:
            return -1
        if start < 0:
            start += length
    matches = matcher(toSearch)
    for index in range(min(start, length - 1), -1, -1):
        if matches(coll[index]):
            return index
    return -1


@collection_function("find")
def find(coll: Coll, *args):
    index = scan(coll, args, True)
    return coll[index] if index is not None and index >= 0 else UNDEFINED


@collection_function("findIndex")
def find_index(coll: Coll, *args) -> int:
    index = scan(coll, args, True)
    return -1 if index is None else index


@collection_function("some")
def some(coll: Coll, *args) -> bool:
    index = scan(coll, args, True)
    return index is not None and index >= 0


@collection_function("every")
def every(coll: Coll, *args) -> bool:
    index = scan(coll, args, False)
    return index is not None and index < 0


# ---------------------------------------------------------------- callbacks

@collection_function("map")
def map_(coll: Coll, callback, *params) -> Coll:
    return Coll(map(element, callback_answers(coll, callback, params)))


@collection_function("flatMap")
def flat_map(coll: Coll, callback, *params) -> Coll:
    return _flatten(map_(coll, callback, *params), 1)


@collection_function("filter")
def filter_(coll: Coll, callback, *params) -> Coll:
    answers = callback_answers(coll, callback, params)
    return same_kind_result(coll, (value for value, answer in zip(coll, answers) if answer is True))


def _reduce(items, callback, args: tuple):
    call = as_callable(callback)
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
    option = integer_arg(option, "option")
    if groupWith is not None and not isinstance(groupWith, (Obj, Coll)):
        raise BadArgument("groupWith must be a shared object or collection")
    result = shared.deep_copy(coll, bool(option & constant("ck resolve pointers")))
    if option & constant("ck shared"):
        return shared.make_shared(result, groupWith)
    return result


@collection_function("slice")
def slice_(coll: Coll, startFrom, end=None) -> Coll:
    length = len(coll)
    start = clamp_position(integer_arg(startFrom, "startFrom"), length)
    stop = length if end is None else end_position(integer_arg(end, "end"), length)
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
    return _flatten(coll, integer_arg(depth, "depth"))


@collection_function("extract")
def extract(coll: Coll, propertyPath, *more) -> Coll:
    """``.extract(path {; option})`` or ``.extract(path; targetPath {; path2; targetPath2…})``."""
    read = path_reader(propertyPath)
    if not more or (len(more) == 1 and is_number(more[0])):
        keep_null = bool(more) and bool(integer_arg(more[0], "option") & constant("ck keep null"))
        values = (element(read(item)) for item in coll)
        return Coll(value for value in values if keep_null or value is not None)
    if len(more) % 2 == 0:
        raise BadArgument("each propertyPath needs a targetPath")
    pairs = [(read, text_arg(more[0], "targetPath"))]
    for index in range(1, len(more), 2):
        pairs.append((path_reader(more[index]), text_arg(more[index + 1], "targetPath")))
    result = Coll()
    for item in coll:
        extracted = Obj()
        for reader, target in pairs:
            value = reader(item)
            if value is not UNDEFINED:
                write_path(extracted, target, value)
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
    options = integer_arg(args[0], "options") if args else 0
    exact = bool(options & constant("ck diacritical"))
    counts: dict = {}
    for value in values_at(coll, path):
        if value is None or value is UNDEFINED:
            continue
        entry = counts.setdefault(distinct_key(value, exact), [value, 0])
        entry[1] += 1
    key = exact_order_key if exact else order_key
    entries = sorted(counts.values(), key=lambda entry: key(entry[0]))
    if options & constant("ck count values"):
        return Coll(Obj(value=value, count=float(number)) for value, number in entries)
    return Coll(value for value, _ in entries)


@collection_function("equal")
def equal(coll: Coll, collection2, option=0) -> bool:
    collection_arg(collection2, "collection2")
    return deep_equal(coll, collection2, bool(integer_arg(option, "option") & constant("ck diacritical")))


@collection_function("join")
def join(coll: Coll, delimiter, option=0) -> str:
    """Elements as texts: Null is "null", other non-texts as JSON writes them."""
    from ..runtime.json_text import stringify      # here: JSON is not needed at start-up
    delimiter = text_arg(delimiter, "delimiter")
    skip_empty = bool(integer_arg(option, "option") & constant("ck ignore null or empty"))
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
        for criterion in collection_arg(criteria, "criteria"):
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
    return same_kind_result(coll, sorted(coll, key=comparator_key(callback, params)))


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
        return sorted(coll, key=comparator_key(args[0], args[1:]))
    if len(args) > 1:
        raise BadArgument("too many parameters")
    descending = bool(args) and is_descending(args[0])
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
        first_key, cols = comparator_key(args[0], args[2:]), args[1]
    levels = []
    for item in collection_arg(cols, "colsToSort"):
        if isinstance(item, Obj):
            target = collection_arg(dict.get(item, "collection"), "colsToSort[].collection")
            descending = is_number(dict.get(item, "order")) and is_descending(item["order"])
        else:
            target, descending = collection_arg(item, "colsToSort[]"), False
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
    coll.insert(clamp_position(integer_arg(index, "index"), len(coll)), store_element(coll, value))
    return coll


@collection_function("combine", mutates=True)
def combine(coll: Coll, col2, index=None) -> Coll:
    values = [store_element(coll, value) for value in collection_arg(col2, "col2")]
    position = len(coll) if index is None else clamp_position(integer_arg(index, "index"), len(coll))
    coll[position:position] = values
    return coll


@collection_function("remove", mutates=True)
def remove(coll: Coll, index, howMany=1) -> Coll:
    start = clamp_position(integer_arg(index, "index"), len(coll))
    count = integer_arg(howMany, "howMany")
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
    start = clamp_position(integer_arg(startFrom, "startFrom"), length)
    stop = length if end is None else end_position(integer_arg(end, "end"), length)
    value = store_element(coll, value)
    for index in range(start, stop):
        coll[index] = value
    return coll


@collection_function("resize", mutates=True)
def resize(coll: Coll, size, defaultValue=None) -> Coll:
    size = max(integer_arg(size, "size"), 0)
    if size < len(coll):
        del coll[size:]
    else:
        coll.extend([store_element(coll, defaultValue)] * (size - len(coll)))
    return coll


# .query() and .indices() are registered by the query language module.
from . import collection_query  # noqa: E402,F401
