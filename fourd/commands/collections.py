"""Collection commands (commands/new-collection.md, commands/new-shared-collection.md).

The collections themselves and their member functions are in
``api.collection``. ``ARRAY TO COLLECTION`` and ``COLLECTION TO ARRAY``
convert to and from arrays, which fourd does not implement: they are left out.
"""
from __future__ import annotations

from fourd.api.collection import element, store_element
from fourd.commands.registry import command
from fourd.runtime import shared
from fourd.runtime.values import Coll


@command("New collection")
def new_collection(*values) -> Coll:
    """A new collection of *values* (numbers stored as reals, Undefined as Null)."""
    return Coll(map(element, values))


@command("New shared collection")
def new_shared_collection(*values) -> Coll:
    """A new shared collection in a group of its own; shared values join it,
    values a shared collection cannot hold are an error (stored as Null)."""
    coll = shared.make_shared(Coll())
    coll.extend(store_element(coll, value) for value in values)
    return coll
