"""4D values as Python objects.

The mapping is chosen so that the common cases cost nothing:

=================  ==========================================================
4D type            Python representation
=================  ==========================================================
Text               ``str``
Real               ``float`` (numeric literals and untyped numbers are Real)
Integer / Longint  ``int`` (only in variables declared Integer; 32-bit wrap)
Boolean            ``bool``
Date               :class:`Date` (immutable; ``Date.NULL`` is ``!00-00-00!``)
Time               :class:`Time` (immutable number of seconds)
Null               ``None``
Undefined          :data:`UNDEFINED` (a singleton, falsy)
Object             :class:`Obj` (a ``dict`` subclass: reference semantics)
Collection         :class:`Coll` (a ``list`` subclass: reference semantics)
Blob (scalar)      ``bytearray`` (value semantics: copied on assignment)
4D.Blob            :class:`Blob4D` (immutable, an object)
Pointer            :class:`Pointer`
4D.Function        :class:`Formula` (defined in ``runtime.formula``)
=================  ==========================================================

Class instances are :class:`Obj` whose ``cls`` attribute names their class.
"""
from __future__ import annotations

import datetime as _dt
from typing import Callable

__all__ = [
    "UNDEFINED", "Undefined", "Date", "Time", "Obj", "Coll", "Blob4D", "Pointer",
    "is_number",
]


class Undefined:
    """The 4D ``Undefined`` value: a singleton, falsy, distinct from Null."""

    __slots__ = ()
    _instance: "Undefined | None" = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __reduce__(self):
        return (Undefined, ())


UNDEFINED = Undefined()


def is_number(value) -> bool:
    """True for 4D numbers (Real or Integer), never for Booleans."""
    return (type(value) is float or type(value) is int)


class Date:
    """A 4D date. ``Date(0, 0, 0)`` is the null date ``!00-00-00!``.

    Dates are compared and hashed by value; arithmetic lives in
    ``runtime.operators`` (date ± days, date − date).
    """

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int, day: int):
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "month", month)
        object.__setattr__(self, "day", day)

    def __setattr__(self, name, value):
        raise AttributeError("4D dates are immutable")

    @property
    def is_null(self) -> bool:
        return self.year == 0 and self.month == 0 and self.day == 0

    def ordinal(self) -> int:
        """Days since 0001-01-01 (the null date is 0)."""
        if self.is_null:
            return 0
        return _dt.date(self.year, self.month, self.day).toordinal()

    @classmethod
    def from_ordinal(cls, n: int) -> "Date":
        if n <= 0:
            return NULL_DATE
        try:
            d = _dt.date.fromordinal(n)
        except (ValueError, OverflowError):
            return NULL_DATE
        return cls(d.year, d.month, d.day)

    @classmethod
    def from_pydate(cls, d: _dt.date) -> "Date":
        return cls(d.year, d.month, d.day)

    def to_pydate(self) -> _dt.date | None:
        return None if self.is_null else _dt.date(self.year, self.month, self.day)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __eq__(self, other):
        return isinstance(other, Date) and (self.year, self.month, self.day) == (other.year, other.month, other.day)

    def __hash__(self):
        return hash((Date, self.year, self.month, self.day))

    def __lt__(self, other):
        return (self.year, self.month, self.day) < (other.year, other.month, other.day)

    def __repr__(self) -> str:
        return f"Date({self.year}, {self.month}, {self.day})"


NULL_DATE = Date(0, 0, 0)
Date.NULL = NULL_DATE


class Time:
    """A 4D time: a signed number of seconds (may exceed 24 hours)."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: int = 0):
        object.__setattr__(self, "seconds", int(seconds))

    def __setattr__(self, name, value):
        raise AttributeError("4D times are immutable")

    def __eq__(self, other):
        return isinstance(other, Time) and self.seconds == other.seconds

    def __hash__(self):
        return hash((Time, self.seconds))

    def __lt__(self, other):
        return self.seconds < other.seconds

    def hms(self) -> str:
        """``HH:MM:SS`` as 4D shows times (hours not wrapped, sign kept)."""
        s = self.seconds
        sign = "-" if s < 0 else ""
        s = abs(s)
        return f"{sign}{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"

    def __repr__(self) -> str:
        return f"Time({self.seconds})"


class Obj(dict):
    """A 4D object: property names are case-sensitive, values are 4D values.

    ``cls`` is the class of the object (``None`` for a plain object, whose
    class is 4D.Object); ``shared`` marks shared objects, whose ``lock``
    serialises ``Use…End use``; ``frozen`` marks read-only objects (formulas
    of a class, 4D.Blob metadata…).
    """

    __slots__ = ("cls", "shared", "lock", "__weakref__")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cls = None
        self.shared = None
        self.lock = None

    # Identity semantics: 4D objects are compared by reference.
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        name = getattr(self.cls, "name", None)
        return f"<{name or 'Object'} {dict.__repr__(self)}>"


class Coll(list):
    """A 4D collection (ordered, 0-based, mixed types, reference semantics)."""

    __slots__ = ("shared", "lock", "__weakref__")

    def __init__(self, *args):
        super().__init__(*args)
        self.shared = None
        self.lock = None

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"Coll({list.__repr__(self)})"


class Blob4D:
    """A ``4D.Blob``: an immutable binary object (reference type)."""

    __slots__ = ("data", "__weakref__")

    def __init__(self, data: bytes | bytearray | memoryview = b""):
        self.data = bytes(data)

    @property
    def size(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"<4D.Blob size={len(self.data)}>"


class Pointer:
    """A 4D pointer: something that can be dereferenced (read and written).

    ``name`` is what ``RESOLVE POINTER``/display shows; ``get``/``set`` are
    closures created by the compiler for the pointed variable.
    """

    __slots__ = ("name", "get", "set", "key")

    def __init__(self, name: str, get, set, key=None):
        self.name = name
        self.get = get
        self.set = set
        # Two pointers to the same variable compare equal: key identifies it.
        self.key = key if key is not None else name

    def __eq__(self, other):
        return isinstance(other, Pointer) and self.key == other.key

    def __hash__(self):
        return hash((Pointer, self.key))

    def __repr__(self) -> str:
        return f"->{self.name}"


class _Star:
    """The ``*`` argument of some commands (``OB Copy($o; *)``…)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "*"


STAR = _Star()


class Ref:
    """A reference to an assignable place in the caller (variable, property…)."""

    __slots__ = ("get", "set", "name")

    def __init__(self, get: Callable[[], object], set: Callable[[object], None], name: str = ""):
        self.get = get
        self.set = set
        self.name = name

    def __repr__(self) -> str:
        return f"Ref({self.name})"
