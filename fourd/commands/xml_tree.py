"""The XML trees behind the DOM commands (``xml_dom``, ``xml_navigation``):
nodes, the table of element references, XML names and XPath. Parsing and
writing are in ``xml_io``, options and value conversions in ``xml_values``.

Pages: commands-legacy/dom-*.md.

**The model.** 4D's DOM is Xerces' DOM used without namespace processing:
names are kept as written (``svg``, ``xlink:href``, ``xmlns:xlink`` is an
attribute like any other), text and CDATA are separate nodes. fourd keeps
its own small tree of :class:`Element`, :class:`Text` (``cdata`` flag),
:class:`Comment`, :class:`Instruction` and :class:`Doctype` nodes under a
:class:`Document`. lxml evaluates XPath on a namespace-free mirror of the
tree, rebuilt only after the tree changed.

**References** are 32 uppercase hex digits (16 bytes), as 64-bit 4D gives
(4D-Labels' ``test_xml`` checks the form); a failed lookup returns 32 zeros.
They are kept in one table for all processes: a reference is a pointer in 4D,
usable from any process, valid until ``DOM CLOSE XML`` of its tree.
"""
from __future__ import annotations

import itertools
import re
import threading

from lxml import etree

from fourd.commands.xml_values import new_options
from fourd.runtime.errors import Codes, fail
from fourd.runtime.process import current_process

__all__ = ["Document", "Element", "Text", "Comment", "Instruction", "Doctype", "Parent", "NULL_REF",
           "set_ok", "lookup", "reference", "forget", "xpath_find", "is_name"]

NULL_REF = "0" * 32


def set_ok(ok: bool) -> None:
    current_process().vars["ok"] = 1 if ok else 0  # process variables are stored lower-case


# --- nodes -----------------------------------------------------------------------------

class Node:
    __slots__ = ("parent",)

    def __init__(self):
        self.parent = None

    def copy(self) -> "Node":
        raise NotImplementedError


class Leaf(Node):
    """A node that holds one text: ``value``."""
    __slots__ = ("value",)

    def __init__(self, value: str):
        super().__init__()
        self.value = value

    def copy(self) -> "Leaf":
        return type(self)(self.value)


class Text(Leaf):
    """Text, or a CDATA section when ``cdata``."""
    __slots__ = ("cdata",)

    def __init__(self, value: str, cdata: bool = False):
        super().__init__(value)
        self.cdata = cdata

    def copy(self) -> "Text":
        return Text(self.value, self.cdata)


class Comment(Leaf):
    __slots__ = ()


class Instruction(Leaf):
    """A processing instruction; ``value`` is ``target data``."""
    __slots__ = ()


class Doctype(Leaf):
    """``<!DOCTYPE value>``: ``value`` is ``Books SYSTEM "Book.DTD"``."""
    __slots__ = ()


class Parent(Node):
    __slots__ = ("children",)

    def __init__(self):
        super().__init__()
        self.children: list[Node] = []

    def insert(self, index: int, node: Node) -> Node:
        node.parent = self
        self.children.insert(index, node)
        self.touch()
        return node

    def append(self, node: Node) -> Node:
        return self.insert(len(self.children), node)

    def remove(self, node: Node) -> None:
        self.children.remove(node)
        node.parent = None
        self.touch()

    def touch(self) -> None:
        """Notes a change of the tree (its XPath mirror is out of date)."""
        document = self.document()
        if document is not None:
            document.changed()

    def elements(self) -> list["Element"]:
        return [child for child in self.children if type(child) is Element]

    def document(self) -> "Document | None":
        node = self
        while node.parent is not None:
            node = node.parent
        return node if type(node) is Document else None


class Element(Parent):
    __slots__ = ("name", "attributes")

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.attributes: dict[str, str] = {}

    def copy(self) -> "Element":
        twin = Element(self.name)
        twin.attributes = dict(self.attributes)
        for child in self.children:
            copied = child.copy()
            copied.parent = twin
            twin.children.append(copied)
        return twin

    def sorted_attributes(self) -> list[tuple[str, str]]:
        return sorted(self.attributes.items())

    def value(self, cdata: bool | None = None) -> str:
        """The element's own text: its text children (CDATA ones too when
        *cdata* is None), not its descendants'."""
        return "".join(child.value for child in self.children
                       if type(child) is Text and (cdata is None or child.cdata == cdata))

    def set_value(self, text: str, cdata: bool = False) -> None:
        """Replaces the element's text and CDATA children by *text*."""
        self.children = [child for child in self.children if type(child) is not Text]
        self.insert(0, Text(text, cdata))


class Document(Parent):
    """A DOM tree: the document node, its declaration and options."""

    __slots__ = ("version", "encoding", "standalone", "options", "number", "references",
                 "revision", "_mirror", "_ids", "system_id", "public_id", "url")

    def __init__(self):
        super().__init__()
        self.version = "1.0"
        self.encoding = "UTF-8"
        self.standalone = False
        self.options = new_options()
        self.number = next(_document_numbers)
        self.references: list[str] = []
        self.revision = 0
        self._mirror = None
        self._ids = None
        self.system_id = self.public_id = self.url = ""

    def document(self) -> "Document":
        return self

    def changed(self) -> None:
        self.revision += 1

    def root(self) -> Element | None:
        return next((child for child in self.children if type(child) is Element), None)

    def doctype(self) -> Doctype | None:
        return next((child for child in self.children if type(child) is Doctype), None)

    def element_with_id(self, value: str) -> Element | None:
        """The first element, in document order, whose ``id`` attribute is
        *value* (an index rebuilt only after the tree changed)."""
        if self._ids is None or self._ids[0] != self.revision:
            ids: dict[str, Element] = {}
            pending = [self.root()] if self.root() is not None else []
            while pending:
                element = pending.pop()
                ids.setdefault(element.attributes.get("id"), element)
                pending.extend(child for child in reversed(element.children) if type(child) is Element)
            self._ids = (self.revision, ids)
        return self._ids[1].get(value)

    def mirror(self):
        """The XPath mirror of the tree (see :func:`_mirror`), rebuilt after changes."""
        if self._mirror is None or self._mirror[0] != self.revision:
            self._mirror = (self.revision, _mirror(self.root()))
        return self._mirror[1]


_document_numbers = itertools.count(1)


# --- references ---------------------------------------------------------------------------

_lock = threading.Lock()
_references: dict[str, Node] = {}        # reference -> node (element or document)
_node_references: dict[int, str] = {}    # id(node) -> its reference
_reference_numbers = itertools.count(1)
_REFERENCE_BASE = 0x00007F0000000000     # the look of 64-bit 4D's references


def reference(node: Node) -> str:
    """The reference of *node* (the same one each time)."""
    with _lock:
        known = _node_references.get(id(node))
        if known is not None:
            return known
        document = node.document() if isinstance(node, Parent) else None
        number = document.number if document is not None else 0
        ref = f"{_REFERENCE_BASE + number:016X}{_REFERENCE_BASE + next(_reference_numbers):016X}"
        _references[ref] = node
        _node_references[id(node)] = ref
        if document is not None:
            document.references.append(ref)
        return ref


def lookup(command: str, ref, kinds=(Element,)) -> Node | None:
    """The node *ref* designates, of one of *kinds*; else error (and None)."""
    node = _references.get(ref.upper()) if type(ref) is str else None
    if node is not None and type(node) in kinds:
        return node
    set_ok(False)
    fail(Codes.XML_INVALID_REFERENCE, f"{command}: invalid XML element reference: {ref!r}")
    return None


def forget(document: Document) -> None:
    """Drops every reference into *document* (DOM CLOSE XML)."""
    with _lock:
        for ref in document.references:
            node = _references.pop(ref, None)
            if node is not None:
                _node_references.pop(id(node), None)
        document.references.clear()


# --- names ------------------------------------------------------------------------------------

_NAME_START = "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d" \
              "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
_NAME = re.compile(f"[:{_NAME_START}][:{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")


def is_name(name: str) -> bool:
    """An XML name (XML 1.0, production 5): what elements and attributes may be called."""
    return _NAME.fullmatch(name) is not None


# --- XPath ------------------------------------------------------------------------------------

# A name with a colon is stored in the mirror with a middle dot instead (a
# name character lxml accepts where it refuses colons without namespaces).
_COLON = "\u00b7"
_XPATH_TOKEN = re.compile(r"""("[^"]*"|'[^']*')|((?:[^\W\d]|_)[\w.\-]*:(?:[^\W\d]|_)[\w.\-]*)(?!\s*\()""")


def _mirror(root: Element | None) -> tuple[dict, dict]:
    """(lxml element -> Element, id(Element) -> lxml element) of a copy of
    the tree under *root* without namespaces."""
    elements, mirrors = {}, {}
    if root is None:
        return elements, mirrors

    def build(element: Element, parent):
        name = element.name.replace(":", _COLON)
        node = etree.Element(name) if parent is None else etree.SubElement(parent, name)
        elements[node] = element
        mirrors[id(element)] = node
        for attribute, value in element.attributes.items():
            if attribute != "xmlns" and not attribute.startswith("xmlns:"):
                node.set(attribute.replace(":", _COLON), value)
        last = None
        for child in element.children:
            if type(child) is Element:
                last = build(child, node)
            elif type(child) is Text:
                if last is None:
                    node.text = (node.text or "") + child.value
                else:
                    last.tail = (last.tail or "") + child.value
        return node

    build(root, None)
    return elements, mirrors


def _translated(path: str) -> str:
    """*path* with prefixed names spelled as in the mirror."""
    return _XPATH_TOKEN.sub(lambda m: m.group(1) or m.group(2).replace(":", _COLON), path)


def xpath_find(command: str, context: Element, path: str) -> list[Element] | None:
    """The elements *path* selects from *context*, in document order; None
    after an error (invalid path).

    4D's former XPath (kept for converted databases, dom-find-xml-element.md)
    reads a relative path from the context element itself: 4D-SVG and
    4D-Labels look for ``svg/defs`` from the ``svg`` root. A relative path
    that selects nothing is therefore tried again that way."""
    path = path.strip()
    if len(path) > 1 and path.endswith("/") and not path.endswith("//"):
        path = path[:-1]                     # "/REGEX/patterns/" (4D accepts it)
    document = context.document()
    if document is None:
        return []
    elements, mirrors = document.mirror()
    node = mirrors.get(id(context))
    if node is None:
        return []
    try:
        found = _evaluate(node, _translated(path))
        if not found and path[:1] not in ("/", ".", "(", "@", "*"):
            found = _evaluate(node, "self::" + _translated(path))
    except (etree.XPathError, ValueError) as error:
        set_ok(False)
        fail(Codes.XML_INVALID_XPATH, f"{command}: invalid XPath {path!r}: {error}")
        return None
    return [elements[item] for item in found if item in elements]


def _evaluate(node, path: str) -> list:
    result = node.xpath(path)
    return result if isinstance(result, list) else []
