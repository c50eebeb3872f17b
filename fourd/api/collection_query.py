"""The query language of ``collection.query()`` and ``collection.indices()``.

Spec: ``API/CollectionClass.md`` (#query), which defers to the query string
of ``dataClass.query()`` (``API/DataClassClass.md``, 4D 21)::

    propertyPath comparator value {logicalOperator propertyPath comparator value}
    {order by propertyPath {asc | desc}, ...}

A query string is compiled once into nested closures
``test(element, bindings) -> bool``. *bindings* maps the letters of linked
collection paths (``locations[a].kind = 'home' and locations[a].city = 'paris'``)
to the element indexes being tried.

Choices where the pages are silent: AND binds tighter than OR; ``^``
(not on the pages) is EXCEPT, "a and not b", as in 4D's query editor;
a null passed through a placeholder matches nothing ("will NOT work").
"""
from __future__ import annotations

import datetime
import itertools
import re
from typing import Callable

from ..runtime import operators
from ..runtime.classes import NativeObject
from ..runtime.errors import Codes, fail
from ..runtime.values import UNDEFINED, Coll, Date, Obj, Pointer
from .collection import (BadArgument, collection_function, criteria_levels, keys_reader, native_property,
                         same_kind_result, sort_levels)


class QuerySyntaxError(Exception):
    """An invalid query string."""


class QueryTypeError(Exception):
    """A query that is not a text (collections take no formula)."""


class _Null:
    """The ``null`` keyword of a query string (placeholders cannot give it)."""


_NULL = _Null()

_SYMBOL_COMPARATORS = ("===", "!==", "==", "!=", "<=", ">=", "=", "#", "<", ">", "%")
_NEGATIVE = frozenset(("#", "!=", "!==", "is not"))
_PATH_TEXT = re.compile(r"[^\s=<>#!%()&|^'\"]+")
_BARE_VALUE = re.compile(r"[^\s()&|^]+")
_LIST_VALUE = re.compile(r"[^,\]]+")
_PLACEHOLDER = re.compile(r":(\d+|[A-Za-z_][\w.]*)")
_SEGMENT = re.compile(r"(.*?)(?:\[([A-Za-z]?)\])?")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


# ------------------------------------------------------------------ operands

class _Operand:
    """A query value in each form an attribute can be compared with.

    4D converts the value to the type of the attribute "whenever possible"
    (DataClassClass.md): a text "1970-01-01" matches a date, a text "20" a
    number.
    """

    __slots__ = ("text", "number", "date", "boolean", "reference", "null")

    def __init__(self, value):
        self.text = self.number = self.date = self.boolean = self.reference = None
        self.null = value is _NULL
        kind = type(value)
        if kind is str:
            self.text = value
            self.number = _text_number(value)
            self.date = _text_date(value)
        elif kind is float or kind is int:
            self.number = value
        elif kind is bool:
            self.boolean = value
        elif kind is Date:
            self.date = value
        elif value is not None and value is not UNDEFINED and not self.null:
            self.reference = value


def _text_number(text: str):
    match = _NUMBER.search(text)
    return float(match.group()) if match else None


def _text_date(text: str):
    match = _ISO_DATE.match(text)
    if not match:
        return None
    try:
        return Date.from_pydate(datetime.date(*map(int, match.groups())))
    except ValueError:
        return None


def _is_null(value) -> bool:
    return value is None or value is UNDEFINED


def _equality(operand: _Operand, wildcard: bool) -> Callable:
    """``=`` (with ``@`` wildcards) or ``===`` against one attribute value."""
    if operand.null:
        return _is_null
    reference = operand.reference
    if reference is not None:
        if isinstance(reference, Pointer):
            return lambda value: value == reference
        return lambda value: value is reference
    text, number, date, boolean = operand.text, operand.number, operand.date, operand.boolean
    eq = operators.eq  # reals equal within the comparison epsilon, as with "="
    if wildcard:
        same_text = eq
    else:
        compare = operators.compare_text
        same_text = lambda a, b: compare(a, b) == 0  # noqa: E731

    def test(value) -> bool:
        kind = type(value)
        if kind is str:
            return text is not None and same_text(value, text)
        if kind is float or kind is int:
            return number is not None and eq(value, number)
        if kind is bool:
            return value is boolean
        if kind is Date:
            return value == date
        return False

    return test


def _ordering(operand: _Operand, accept: Callable[[int], bool]) -> Callable:
    """``<``, ``<=``, ``>``, ``>=``: *accept* receives the sign of value − operand."""
    text, number, date, boolean = operand.text, operand.number, operand.date, operand.boolean
    compare_text = operators.compare_text

    def test(value) -> bool:
        kind = type(value)
        if kind is str:
            if text is None:
                return False
            return accept(compare_text(value, text))
        if kind is float or kind is int:
            other = number
        elif kind is Date:
            other = date
        elif kind is bool:
            other = boolean
        else:
            return False
        if other is None:
            return False
        return accept((value > other) - (value < other))

    return test


_ORDERINGS = {
    "<": lambda sign: sign < 0,
    "<=": lambda sign: sign <= 0,
    ">": lambda sign: sign > 0,
    ">=": lambda sign: sign >= 0,
}


def _value_test(comparator: str, value) -> Callable:
    """The test of one attribute value; for negative comparators, the
    equality that the attribute must *not* satisfy."""
    if comparator == "in":
        if isinstance(value, Coll):
            tests = [_equality(_Operand(item), True) for item in value]
            return lambda attribute: any(test(attribute) for test in tests)
        return _equality(_Operand(value), True)
    operand = _Operand(value)
    if comparator == "%":
        keyword = operand.text
        contains = operators.contains_keyword
        return lambda attribute: keyword is not None and type(attribute) is str and contains(attribute, keyword)
    if comparator in _ORDERINGS:
        return _ordering(operand, _ORDERINGS[comparator]) if not operand.null else (lambda attribute: False)
    return _equality(operand, wildcard=comparator in ("=", "==", "#", "!="))


# ------------------------------------------------------------------ paths

class _Path:
    """A property path: (name, bracket) steps, bracket None, "" for ``[]``
    (any element of a collection) or a letter for a linked element."""

    def __init__(self, steps: list):
        self.steps = steps
        self.plain = all(bracket is None for _, bracket in steps)

    @classmethod
    def parse(cls, text: str) -> "_Path":
        steps = []
        for segment in text.split("."):
            match = _SEGMENT.fullmatch(segment)
            if not match or not match.group(1):
                raise QuerySyntaxError(f"invalid property path {text!r}")
            bracket = match.group(2)
            steps.append((match.group(1), bracket.lower() if bracket else bracket))
        return cls(steps)

    def letters(self):
        """(letter, names up to its collection) for each linked step."""
        for index, (_, bracket) in enumerate(self.steps):
            if bracket:
                yield bracket, [name for name, _ in self.steps[:index + 1]]

    def reader(self) -> Callable:
        """``values(element, bindings)``: every value the path designates."""
        steps = self.steps

        def values(element, bindings) -> list:
            current = [element]
            for name, bracket in steps:
                found = []
                for value in current:
                    if isinstance(value, Obj):
                        value = dict.get(value, name, UNDEFINED)
                    elif isinstance(value, NativeObject):
                        value = native_property(value, name)
                    else:
                        continue
                    if bracket is None:
                        found.append(value)
                    elif isinstance(value, Coll):
                        if bracket == "":
                            found.extend(value)
                        elif bindings.get(bracket, len(value)) < len(value):
                            found.append(value[bindings[bracket]])
                current = found
            return current

        return values


def _condition(path: _Path, comparator: str, value) -> Callable:
    """``test(element, bindings)`` for one ``path comparator value``."""
    test = _value_test(comparator, value)
    negative = comparator in _NEGATIVE
    if path.plain:
        read = keys_reader([name for name, _ in path.steps])
        if negative:
            # "#" never returns null or undefined attributes (DataClassClass.md).
            def differs_from(element, bindings) -> bool:
                found = read(element)
                return not _is_null(found) and not test(found)
            return differs_from
        return lambda element, bindings: test(read(element))
    values = path.reader()
    if negative:
        # On collection elements, "#" finds those where ALL values differ.
        def differs(element, bindings) -> bool:
            found = [value for value in values(element, bindings) if not _is_null(value)]
            return bool(found) and not any(map(test, found))
        return differs
    return lambda element, bindings: any(map(test, values(element, bindings)))


# ------------------------------------------------------------------ parser

MAX_NESTING = 200


class _Parser:
    """Recursive descent over the query string; builds the closures as it goes."""

    def __init__(self, text: str, values: tuple, settings: Obj | None):
        self.text = text
        self.pos = 0
        self.values = values
        self.parameters = _settings_object(settings, "parameters")
        self.attributes = _settings_object(settings, "attributes")
        self.letters: dict[str, list] = {}   # letter -> names of its collection
        self.depth = 0                        # nesting of parentheses and "not"

    def parse(self) -> tuple[Callable, list | None]:
        test = self._or()
        order = None
        if self._word("order"):
            if not self._word("by"):
                raise QuerySyntaxError("'by' expected after 'order'")
            order = self.text[self.pos:].strip()
            if not order:
                raise QuerySyntaxError("criteria expected after 'order by'")
            self.pos = len(self.text)
        self._skip()
        if self.pos < len(self.text):
            raise QuerySyntaxError(f"unexpected {self.text[self.pos:]!r}")
        return test, order

    # -- lexical helpers
    def _skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _symbol(self, *symbols: str) -> str | None:
        self._skip()
        for symbol in symbols:
            if self.text.startswith(symbol, self.pos):
                self.pos += len(symbol)
                return symbol
        return None

    def _word(self, word: str) -> bool:
        self._skip()
        end = self.pos + len(word)
        if self.text[self.pos:end].lower() == word and not (end < len(self.text) and (self.text[end].isalnum() or self.text[end] == "_")):
            self.pos = end
            return True
        return False

    def _match(self, pattern: re.Pattern) -> str | None:
        self._skip()
        match = pattern.match(self.text, self.pos)
        if not match:
            return None
        self.pos = match.end()
        return match.group()

    # -- grammar
    # AND and OR take their operands as lists: a query of a thousand
    # alternatives must not nest a thousand closures.
    def _or(self) -> Callable:
        tests = [self._and()]
        while self._symbol("||", "|") or self._word("or"):
            tests.append(self._and())
        if len(tests) == 1:
            return tests[0]
        return lambda element, bindings: any(test(element, bindings) for test in tests)

    def _and(self) -> Callable:
        terms = [(self._factor(), False)]   # (test, negated: after EXCEPT)
        while True:
            if self._symbol("&&", "&") or self._word("and"):
                terms.append((self._factor(), False))
            elif self._symbol("^"):
                terms.append((self._factor(), True))
            else:
                break
        if len(terms) == 1:
            return terms[0][0]
        return lambda element, bindings: all(bool(test(element, bindings)) is not negated
                                             for test, negated in terms)

    def _factor(self) -> Callable:
        if self._word("not"):
            operand = self._nested(self._factor)
            return lambda element, bindings: not operand(element, bindings)
        if self._symbol("("):
            test = self._nested(self._or)
            if not self._symbol(")"):
                raise QuerySyntaxError("')' expected")
            return test
        return self._condition()

    def _nested(self, parse) -> Callable:
        """Parse a nested part; a fixed limit keeps deep nesting an error
        whatever the interpreter's recursion limit (and evaluation shallow)."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QuerySyntaxError("too many nested parentheses")
        try:
            return parse()
        finally:
            self.depth -= 1

    def _condition(self) -> Callable:
        path = self._path()
        comparator = self._comparator()
        value = self._value(comparator)
        for letter, names in path.letters():
            self.letters.setdefault(letter, names)
        return _condition(path, comparator, value)

    def _path(self) -> _Path:
        placeholder = self._match(_PLACEHOLDER)
        if placeholder is not None:
            return self._path_placeholder(placeholder[1:])
        text = self._match(_PATH_TEXT)
        if text is None:
            raise QuerySyntaxError(f"property path expected at {self.text[self.pos:]!r}")
        return _Path.parse(text)

    def _path_placeholder(self, name: str) -> _Path:
        path = self._placeholder(name, self.attributes, "attributes")
        if type(path) is str:
            return _Path.parse(path)
        if isinstance(path, Coll) and path and all(type(name) is str for name in path):
            return _Path([(name, None) for name in path])
        raise QuerySyntaxError(f"placeholder :{name} is not a property path")

    def _comparator(self) -> str:
        symbol = self._symbol(*_SYMBOL_COMPARATORS)
        if symbol is not None:
            return symbol
        if self._word("is"):
            return "is not" if self._word("not") else "==="
        if self._word("in"):
            return "in"
        raise QuerySyntaxError(f"comparator expected at {self.text[self.pos:]!r}")

    def _value(self, comparator: str):
        placeholder = self._match(_PLACEHOLDER)
        if placeholder is not None:
            return self._placeholder(placeholder[1:], self.parameters, "parameters")
        self._skip()
        if self.text.startswith("[", self.pos) and comparator == "in":
            return self._list()
        quoted = self._quoted()
        if quoted is not None:
            return quoted
        bare = self._match(_BARE_VALUE)
        if bare is None:
            raise QuerySyntaxError("value expected")
        return _literal(bare)

    def _list(self) -> Coll:
        self.pos += 1
        items = Coll()
        while not self._symbol("]"):
            if items and not self._symbol(","):
                raise QuerySyntaxError("',' or ']' expected")
            quoted = self._quoted()
            if quoted is None:
                bare = self._match(_LIST_VALUE)
                if bare is None:
                    raise QuerySyntaxError("']' expected")
                quoted = _literal(bare.strip())
            items.append(quoted)
        return items

    def _quoted(self) -> str | None:
        self._skip()
        if self.pos >= len(self.text) or self.text[self.pos] not in "'\"":
            return None
        quote = self.text[self.pos]
        chars = []
        index = self.pos + 1
        while index < len(self.text) and self.text[index] != quote:
            if self.text[index] == "\\" and index + 1 < len(self.text):
                index += 1
            chars.append(self.text[index])
            index += 1
        if index >= len(self.text):
            raise QuerySyntaxError("unterminated quoted value")
        self.pos = index + 1
        return "".join(chars)

    def _placeholder(self, name: str, named: Obj | None, kind: str):
        if name.isdigit():
            index = int(name) - 1
            if not 0 <= index < len(self.values):
                raise QuerySyntaxError(f"no value for placeholder :{name}")
            return self.values[index]
        value = named
        for key in name.split("."):
            value = dict.get(value, key, UNDEFINED) if isinstance(value, Obj) else UNDEFINED
        if value is UNDEFINED:
            raise QuerySyntaxError(f"no {kind} value for placeholder :{name}")
        return value


def _settings_object(settings: Obj | None, name: str) -> Obj | None:
    value = dict.get(settings, name) if settings is not None else None
    if value is not None and not isinstance(value, Obj):
        raise QuerySyntaxError(f"querySettings.{name} must be an object")
    return value


def _literal(token: str):
    """A value written in the query string without quotes."""
    if token == "true":
        return True
    if token == "false":
        return False
    if token.lower() == "null":
        return _NULL
    if _NUMBER.fullmatch(token):
        return float(token)
    return token


# ------------------------------------------------------------------ compiling

def compile_query(query_string, args: tuple) -> tuple[Callable, list | None]:
    """``matches(element) -> bool`` and the order-by levels of a query.

    *args* are the values of indexed placeholders, optionally followed by a
    querySettings object (parameters, attributes).
    """
    if type(query_string) is not str:
        raise QueryTypeError("Expecting a text")
    settings = None
    if args and type(args[-1]) is Obj:
        settings, args = args[-1], args[:-1]
    parser = _Parser(query_string, args, settings)
    test, order = parser.parse()
    try:
        levels = criteria_levels(order) if order else None
    except BadArgument as error:
        raise QuerySyntaxError(f"order by: {error}") from None
    letters = parser.letters
    if not letters:
        no_bindings: dict = {}
        return (lambda element: test(element, no_bindings)), levels
    prefixes = [(letter, keys_reader(names)) for letter, names in letters.items()]

    def matches(element) -> bool:
        ranges = []
        for _, read in prefixes:
            linked = read(element)
            ranges.append(range(len(linked)) if isinstance(linked, Coll) else range(0))
        names = [letter for letter, _ in prefixes]
        return any(test(element, dict(zip(names, combination))) for combination in itertools.product(*ranges))

    return matches, levels


def _matching_indexes(coll: Coll, query_string, args: tuple) -> list | None:
    """Indexes of the matching elements, in the query's order; None after a reported error."""
    try:
        matches, levels = compile_query(query_string, args)
    except QueryTypeError as error:
        fail(Codes.QUERY_NOT_TEXT, str(error))
        return None
    except QuerySyntaxError as error:
        fail(Codes.QUERY_SYNTAX, f"Invalid query string: {error}")
        return None
    indexes = [index for index, element in enumerate(coll) if matches(element)]
    if levels:
        indexes = sort_levels(indexes, [(lambda index, key=key: key(coll[index]), descending)
                                        for key, descending in levels])
    return indexes


@collection_function("query")
def query(coll: Coll, queryString, *args) -> Coll:
    indexes = _matching_indexes(coll, queryString, args)
    if indexes is None:
        return UNDEFINED
    return same_kind_result(coll, (coll[index] for index in indexes))


@collection_function("indices")
def indices(coll: Coll, queryString, *args) -> Coll:
    indexes = _matching_indexes(coll, queryString, args)
    return UNDEFINED if indexes is None else Coll(float(index) for index in indexes)
