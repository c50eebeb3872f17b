"""Shared objects and collections, ``Use…End use`` and ``Storage`` (Concepts/shared.md).

A shared object or collection has ``.shared`` set to its :class:`SharedGroup`,
the "locking identifier" it shares with every shared object/collection
nested in it. ``Use`` locks the whole group (re-entrant, per thread); any
modification of a member outside ``Use`` on its group is an error. Plain
objects and collections have ``.shared = None``, so the check that guards
every mutation costs one attribute test for them::

    if target.shared is not None and not check_writable(target):
        return          # the error has been signalled

What a shared object/collection may contain (new-shared-object.md): numbers,
text, booleans, dates, times, null, 4D.Blob (dt_blob.md: "shareable") and
other shared objects/collections, which then join the container's group.
Pointers and non-shared objects or collections are refused (the 4D blog's
"Not supported value type in a shared object" error). ``Storage`` is the
exception to grouping: what is put in it keeps its own group, and it accepts
only shared objects and collections.
"""
from __future__ import annotations

import threading

from .classes import Class4D
from .formula import Formula
from .errors import Codes, fail
from .values import UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time

__all__ = ["SharedGroup", "make_shared", "use", "check_writable", "admit", "REJECTED",
           "stored_value", "deep_copy", "storage"]


class SharedGroup:
    """The locking identifier of a shared group: one re-entrant lock for all members.

    A group is created with its first member, its *root*. When the root is
    then put in another shared object/collection, its whole group joins
    that one's group (*merged*: every member now locks with the other
    group). Any other member is "already grouped": it cannot move (shared.md,
    example 2), while a shared copy can still be stored (ob-copy.md, example 3).
    """

    __slots__ = ("_lock", "_owner", "_depth", "_merged", "root", "is_storage")

    def __init__(self, root=None, *, storage: bool = False):
        self._lock = threading.RLock()
        self._owner: int | None = None   # thread ident while in Use
        self._depth = 0                  # the locking counter of the group
        self._merged: SharedGroup | None = None
        self.root = root
        self.is_storage = storage

    def resolved(self) -> "SharedGroup":
        """The group this one now is (itself unless merged)."""
        group = self
        while group._merged is not None:
            group = group._merged
        return group

    def merge_into(self, other: "SharedGroup") -> None:
        self._merged = other

    def acquire(self) -> None:
        self._lock.acquire()
        self._owner = threading.get_ident()
        self._depth += 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._owner = None
        self._lock.release()

    def held(self) -> bool:
        """True when the current thread is inside ``Use`` on this group."""
        return self.resolved()._owner == threading.get_ident()

    def __repr__(self) -> str:
        return f"<SharedGroup {id(self):#x}{' storage' if self.is_storage else ''}>"


#: Returned by :func:`admit` for a value that may not be stored (the error
#: has been signalled; with an ON ERR CALL handler execution goes on).
REJECTED = object()


def _is_plain_container(value) -> bool:
    """Objects and collections that can be made shared (not formulas, classes…)."""
    return type(value) is Obj or type(value) is Coll


def stored_value(value):
    """*value* as 4D stores it in an object property or a collection element.

    Numbers become reals ("Number values are always stored as reals",
    new-object.md), times numbers of seconds (ob-set.md, ob-get.md) and
    scalar blobs 4D.Blob objects (dt_blob.md, "Automatic conversion").
    """
    kind = type(value)
    if kind is int:
        return float(value)
    if kind is Time:
        return float(value.seconds)
    if kind is bytearray:
        return Blob4D(value)
    return value


def check_writable(target):
    """Whether *target* (an object/collection) may be modified by this thread.

    True when it may; when it is shared and not in ``Use`` here, the error
    is signalled and the result is falsy (Undefined when an ON ERR CALL
    handler lets execution go on): the caller must then not modify it.
    """
    group = target.shared
    if group is not None and not group.held():
        return fail(Codes.SHARED_NOT_IN_USE,
                    "A shared object or collection can only be modified inside a Use...End use structure")
    return True


class use:
    """``Use(target)…End use`` as a context manager.

    Locks the group of a shared object/collection (waiting while another
    thread holds it); does nothing for a value that is not shared.
    """

    __slots__ = ("group",)

    def __init__(self, target):
        # The group is taken now: End use must release what Use locked even
        # if the target's group is merged into another in between.
        group = getattr(target, "shared", None)
        self.group = None if group is None else group.resolved()

    def __enter__(self):
        if self.group is not None:
            self.group.acquire()
        return self

    def __exit__(self, *exc) -> None:
        if self.group is not None:
            self.group.release()


def _group_of(group) -> SharedGroup:
    """A group given as a SharedGroup, a shared object/collection (its group)
    or None (a new group)."""
    if isinstance(group, SharedGroup):
        return group.resolved()
    if group is not None and group.shared is not None:
        return group.shared.resolved()
    return SharedGroup()


def _unsupported(value):
    fail(Codes.SHARED_UNSUPPORTED_VALUE,
         f"Not supported value type in a shared object or shared collection ({type(value).__name__})")
    return REJECTED


def _admit(value, group: SharedGroup):
    """*value* as it may be stored in a member of *group*, or REJECTED."""
    if isinstance(value, (Class4D, Formula)):
        # Class objects are themselves shared objects (classes.md) but are
        # referenced, never grouped; 4D.Function objects are shareable (public
        # code stores formulas in shared objects and on class objects).
        return _unsupported(value) if group.is_storage and type(value) is Formula else value
    own = getattr(value, "shared", None)
    if own is not None:
        # A shared object/collection joins the group (shared.md, shared groups).
        own, group = own.resolved(), group.resolved()
        if own is group or group.is_storage:
            return value
        if own.root is not value or own.is_storage:
            fail(Codes.SHARED_OTHER_GROUP,
                 "This shared object or collection already belongs to another shared group")
            return REJECTED
        own.merge_into(group)
        return value
    if group.is_storage:
        # Storage accepts only shared objects and collections (storage.md).
        return _unsupported(value)
    if value is None or value is UNDEFINED or isinstance(value, (str, bool, float, int, Date, Blob4D)):
        return value
    return _unsupported(value)


def admit(target, value):
    """The value to store into the shared *target*, or :data:`REJECTED`.

    This is the rule of assignment: *value* (already converted by
    :func:`stored_value`) must be a scalar or a shared object/collection,
    which then joins *target*'s group; anything else is an error.
    """
    return _admit(value, target.shared)


def make_shared(value, group=None):
    """*value* made shared in *group*, with everything it contains.

    For shared copies (``ck shared``) and new shared objects. *group* is a
    :class:`SharedGroup`, a shared object/collection to group with
    (``groupWith``), or None for a new group. A plain object/collection
    becomes shared, nested ones in the same group; a shared one joins the
    group as in :func:`admit`; values a shared object cannot hold are refused
    (error) and give Null.
    """
    if not (_is_plain_container(value) and value.shared is None):
        admitted = _admit(value, _group_of(group))
        return None if admitted is REJECTED else admitted
    group = SharedGroup(value) if group is None else _group_of(group)
    value.shared = group
    items = value.items() if type(value) is Obj else enumerate(value)
    for key, item in list(items):
        shared_item = make_shared(item, group)
        if shared_item is not item:
            value[key] = shared_item
    return value


def deep_copy(value, resolve_pointers: bool = False, memo: dict | None = None):
    """A deep copy of an object/collection (OB Copy, collection.copy()).

    Shared objects/collections inside become plain ones (shared.md
    "Duplication"); class instances keep their class; formulas, 4D.Blobs and
    other objects that are values rather than containers are kept as is;
    pointers are kept, or dereferenced and copied with *resolve_pointers*.
    An object met again inside itself is copied once (*memo*).
    """
    if resolve_pointers and type(value) is Pointer:
        value = stored_value(value.get())
    kind = type(value)
    if kind is not Obj and kind is not Coll:
        return value
    if memo is None:
        memo = {}
    copy = memo.get(id(value))
    if copy is not None:
        return copy
    if kind is Coll:
        copy = memo[id(value)] = Coll()
        copy.extend(deep_copy(item, resolve_pointers, memo) for item in value)
    else:
        copy = memo[id(value)] = Obj()
        copy.cls = value.cls
        for key, item in value.items():
            copy[key] = deep_copy(item, resolve_pointers, memo)
    return copy


_storage: Obj | None = None
_storage_lock = threading.Lock()


def storage() -> Obj:
    """The process-global ``Storage`` shared object (storage.md)."""
    global _storage
    if _storage is None:
        with _storage_lock:
            if _storage is None:
                store = Obj()
                store.shared = SharedGroup(store, storage=True)
                _storage = store
    return _storage
