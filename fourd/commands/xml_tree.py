"""The XML trees behind the DOM commands (``xml_dom``): nodes, the table of
element references, parsing (lxml), XPath (lxml), writing, and the
conversions between 4D values and XML text (``XML SET OPTIONS``).

Pages: commands-legacy/dom-*.md, xml-set-options.md, xml-decode.md.

**The model.** 4D's DOM is Xerces' DOM used without namespace processing:
names are kept as written (``svg``, ``xlink:href``, ``xmlns:xlink`` is an
attribute like any other), text and CDATA are separate nodes. fourd keeps
its own small tree of :class:`Element`, :class:`Text` (``cdata`` flag),
:class:`Comment`, :class:`Instruction` and :class:`Doctype` nodes under a
:class:`Document`. lxml parses (securely: no entity expansion, no network,
libxml2's size limits) and evaluates XPath on a namespace-free mirror of the
tree, rebuilt only after the tree changed. lxml does not report CDATA
sections: an element holding only a CDATA section keeps it, CDATA mixed
with other content of a parsed document becomes plain text.

**References** are 32 uppercase hex digits (16 bytes), as 64-bit 4D gives
(4D-Labels' ``test_xml`` checks the form); a failed lookup returns 32 zeros.
They are kept in one table for all processes: a reference is a pointer in 4D,
usable from any process, valid until ``DOM CLOSE XML`` of its tree.

**Writing** follows Xerces' serializer with its pretty-print settings as 4D
uses them (checked against 4D-SVG's ``TESTS/arc.svg``, written by 4D): the
declaration ``<?xml version="1.0" encoding="UTF-8" standalone="no" ?>``,
every element on a new line indented by two spaces per level, an empty line
before each child of the root and before the root's end tag, text kept
inline, attributes in alphabetical order (Xerces keeps them sorted; the
attribute index of ``DOM GET XML ATTRIBUTE BY INDEX`` is that order), LF line
ends (4D's default on macOS, the POSIX convention). Whitespace-only text
between elements of a parsed document is not written when indenting, so a
document read and written again does not grow empty lines.
"""
from __future__ import annotations

import base64
import codecs
import datetime as _dt
import itertools
import re
import threading
import time as _time

from lxml import etree

from fourd.api.blob import blob_bytes
from fourd.commands.math import number_text
from fourd.runtime.errors import Codes, fail
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED, Blob4D, Date, Time

__all__ = ["Document", "Element", "Text", "Comment", "Instruction", "Doctype", "NULL_REF",
           "set_ok", "lookup", "reference", "parse", "serialize", "xpath_find", "to_xml_text",
           "from_xml_text", "is_name", "OPTIONS", "option"]

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


# Options of XML SET OPTIONS (xml-set-options.md): selectors and values. The
# selector numbers are documented; the values are those of 4D's "XML" constant
# theme (see constants.tsv for which ones public code confirms).
XML_STRING_ENCODING, XML_DATE_ENCODING, XML_TIME_ENCODING, XML_INDENTATION = 1, 2, 3, 4
XML_BINARY_ENCODING, XML_PICTURE_ENCODING, XML_EXTERNAL_ENTITIES, XML_CASE_SENSITIVITY = 5, 6, 7, 8
XML_BOM, XML_LINE_ENDING = 9, 10
XML_WITH_ESCAPING, XML_RAW_DATA = 1, 2
XML_ISO, XML_LOCAL, XML_DATETIME_LOCAL, XML_UTC, XML_DATETIME_UTC = 1, 2, 3, 4, 5
XML_DATETIME_LOCAL_ABSOLUTE, XML_SECONDS, XML_DURATION = 6, 7, 8
XML_WITH_INDENTATION, XML_NO_INDENTATION = 1, 2
XML_BASE64, XML_DATA_URI_SCHEME = 1, 2
XML_CONVERT_TO_PNG, XML_NATIVE_CODEC = 1, 2
XML_CASE_SENSITIVE, XML_CASE_INSENSITIVE = 1, 2
XML_DEFAULT, XML_ENABLED, XML_DISABLED = 0, 1, 2
XML_LF, XML_CRLF, XML_CR = 1, 2, 3

#: selector -> (default value, accepted values)
OPTIONS = {
    XML_STRING_ENCODING: (XML_WITH_ESCAPING, {XML_WITH_ESCAPING, XML_RAW_DATA}),
    XML_DATE_ENCODING: (XML_ISO, {XML_ISO, XML_LOCAL, XML_DATETIME_LOCAL, XML_UTC, XML_DATETIME_UTC}),
    XML_TIME_ENCODING: (XML_DATETIME_LOCAL_ABSOLUTE, {XML_DATETIME_LOCAL_ABSOLUTE, XML_DATETIME_LOCAL,
                                                      XML_DATETIME_UTC, XML_SECONDS, XML_DURATION}),
    XML_INDENTATION: (XML_WITH_INDENTATION, {XML_WITH_INDENTATION, XML_NO_INDENTATION}),
    XML_BINARY_ENCODING: (XML_BASE64, {XML_BASE64, XML_DATA_URI_SCHEME}),
    XML_PICTURE_ENCODING: (XML_CONVERT_TO_PNG, {XML_CONVERT_TO_PNG, XML_NATIVE_CODEC}),
    XML_EXTERNAL_ENTITIES: (XML_DISABLED, {XML_ENABLED, XML_DISABLED}),
    XML_CASE_SENSITIVITY: (XML_CASE_SENSITIVE, {XML_CASE_SENSITIVE, XML_CASE_INSENSITIVE}),
    XML_BOM: (XML_DEFAULT, {XML_DEFAULT, XML_ENABLED, XML_DISABLED}),
    XML_LINE_ENDING: (XML_DEFAULT, {XML_DEFAULT, XML_LF, XML_CRLF, XML_CR}),
}

#: Options set with an empty reference: the defaults of new trees.
_default_options: dict[int, int] = {selector: default for selector, (default, _) in OPTIONS.items()}


def option(document: "Document | None", selector: int) -> int:
    return (document.options if document is not None else _default_options)[selector]


def set_default_option(selector: int, value: int) -> None:
    _default_options[selector] = value


class Document(Parent):
    """A DOM tree: the document node, its declaration and options."""

    __slots__ = ("version", "encoding", "standalone", "options", "number", "references",
                 "revision", "_mirror", "_ids", "error", "system_id", "public_id", "url")

    def __init__(self):
        super().__init__()
        self.version = "1.0"
        self.encoding = "UTF-8"
        self.standalone = False
        self.options = dict(_default_options)
        self.number = next(_document_numbers)
        self.references: list[str] = []
        self.revision = 0
        self._mirror = None
        self._ids = None
        self.error: tuple[str, int, int] | None = None
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
        """(lxml root, lxml element -> Element) for XPath, rebuilt after changes."""
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


# --- parsing ------------------------------------------------------------------------------------

def _parser(validate: bool) -> etree.XMLParser:
    # No entity expansion (billion laughs), no network, libxml2's size limits
    # (huge_tree off); a DTD is only loaded to validate.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=validate, dtd_validation=validate, strip_cdata=False,
                           remove_blank_text=False, remove_comments=False, remove_pis=False)


class XmlError(Exception):
    """A parse or validation error: message, line, column."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def parse(data: bytes, *, base_url: str | None = None, validate: bool = False, schema=None) -> Document:
    """A Document from XML bytes; raises XmlError. *schema* is an
    ``etree.DTD`` or ``etree.XMLSchema`` to validate against."""
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser(validate and schema is None),
                                                  base_url=base_url))
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (0, 0)
        raise XmlError(error.msg or str(error), line, column) from None
    if schema is not None and not schema.validate(tree):
        entry = schema.error_log.last_error
        raise XmlError(entry.message if entry else "the document is not valid",
                       entry.line if entry else 0, entry.column if entry else 0)
    return _document_of(tree, b"<![CDATA[" in data)


def _document_of(tree, has_cdata: bool) -> Document:
    document = Document()
    info = tree.docinfo
    document.version = info.xml_version or "1.0"
    document.encoding = info.encoding or "UTF-8"
    document.standalone = bool(info.standalone)
    document.system_id = info.system_url or ""
    document.public_id = info.public_id or ""
    document.url = info.URL or ""
    if info.doctype:
        document.children.append(Doctype(info.doctype[len("<!DOCTYPE "):-1]))
    root = tree.getroot()
    before = list(root.itersiblings(preceding=True))[::-1]
    for node in [*before, root, *root.itersiblings()]:
        converted = _node_of(node, {}, has_cdata)
        if converted is not None:
            document.children.append(converted)
    for child in document.children:
        child.parent = document
    return document


def _qualified(name: str, nsmap: dict) -> str:
    """``prefix:local`` for lxml's ``{uri}local``."""
    if not name.startswith("{"):
        return name
    uri, local = name[1:].split("}", 1)
    if uri == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{local}"
    for prefix, known in nsmap.items():
        if known == uri and prefix is not None:
            return f"{prefix}:{local}"
    return local


def _node_of(node, parent_nsmap: dict, has_cdata: bool) -> Node | None:
    """Our node for an lxml one. lxml gives CDATA sections as plain text:
    when the document has some, an element holding only text is written
    back by lxml to see whether that text was one."""
    if node.tag is etree.Comment:
        return Comment(node.text or "")
    if node.tag is etree.PI:
        return Instruction(f"{node.target} {node.text}" if node.text else node.target)
    if node.tag is etree.Entity:
        return Text(node.text or "")
    nsmap = node.nsmap
    element = Element(f"{node.prefix}:{etree.QName(node).localname}" if node.prefix
                      else etree.QName(node).localname)
    for prefix, uri in nsmap.items():       # declarations new on this element
        if parent_nsmap.get(prefix) != uri:
            element.attributes["xmlns:" + prefix if prefix else "xmlns"] = uri
    for name, value in node.attrib.items():
        element.attributes[_qualified(name, nsmap)] = value
    children = element.children
    if node.text:
        cdata = has_cdata and len(node) == 0 and b"<![CDATA[" in etree.tostring(node, with_tail=False)
        children.append(Text(node.text, cdata))
    for child in node:
        converted = _node_of(child, nsmap, has_cdata)
        if converted is not None:
            children.append(converted)
        if child.tail:
            children.append(Text(child.tail))
    for child in children:
        child.parent = element
    return element


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


# --- writing ------------------------------------------------------------------------------------

_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _hex_reference(error: UnicodeEncodeError):
    # Xerces writes characters the encoding lacks as hexadecimal references.
    return "".join(f"&#x{ord(c):X};" for c in error.object[error.start:error.end]), error.end


codecs.register_error("fourd_xml_reference", _hex_reference)


def codec_of(encoding: str) -> str:
    """The Python codec for a declared encoding (UTF-8 when unknown, as 4D does)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


def serialize(document: Document, node: Parent | None = None) -> str:
    """The XML text of *document* (of *node* and its descendants when given),
    with the declaration, as ``DOM EXPORT TO VAR`` writes it."""
    pretty = document.options[XML_INDENTATION] == XML_WITH_INDENTATION
    newline = "\n" if pretty else ""
    out = [f'<?xml version="{document.version}" encoding="{document.encoding}" '
           f'standalone="{"yes" if document.standalone else "no"}" ?>']
    for child in (document.children if node is None or node is document else [node]):
        _write(out, child, 0, newline)
    out.append(newline)
    text = "".join(out)
    line_ending = document.options[XML_LINE_ENDING]
    if line_ending == XML_CRLF:
        text = text.replace("\n", "\r\n")
    elif line_ending == XML_CR:
        text = text.replace("\n", "\r")
    return text


def encoded(document: Document, text: str) -> bytes:
    """*text* in the document's encoding, with a BOM when the options ask."""
    codec = codec_of(document.encoding)
    data = text.encode(codec, "fourd_xml_reference")
    if document.options[XML_BOM] == XML_ENABLED and codec.startswith("utf"):
        data = codecs.BOM_UTF8 + data if codec == "utf-8" else data
    return data


def _write(out: list, node: Node, level: int, newline: str) -> None:
    kind = type(node)
    if kind is Text:
        out.append(_cdata(node.value) if node.cdata else node.value.translate(_TEXT_ESCAPES))
        return
    if newline:                              # a new line, indented; an empty one at level 1
        out.append(newline * (2 if level == 1 else 1) + "  " * level)
    if kind is Comment:
        out.append(f"<!--{node.value}-->")
    elif kind is Instruction:
        out.append(f"<?{node.value}?>")
    elif kind is Doctype:
        out.append(f"<!DOCTYPE {node.value}>")
    else:
        out.append("<" + node.name)
        for name, value in node.sorted_attributes():
            out.append(f' {name}="{value.translate(_ATTRIBUTE_ESCAPES)}"')
        children = node.children
        if newline and any(type(child) is not Text for child in children):
            children = [child for child in children if type(child) is not Text
                        or child.cdata or child.value.strip(" \t\r\n")]
        if not children:
            out.append("/>")
            return
        out.append(">")
        for child in children:
            _write(out, child, level + 1, newline)
        if newline and type(children[-1]) is not Text:
            out.append(newline * (2 if level == 0 else 1) + "  " * level)
        out.append(f"</{node.name}>")


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


# --- 4D values and XML text -------------------------------------------------------------------

def _utc_offset() -> str:
    offset = -_time.altzone if _time.daylight and _time.localtime().tm_isdst else -_time.timezone
    sign = "+" if offset >= 0 else "-"
    return f"{sign}{abs(offset) // 3600:02d}:{abs(offset) % 3600 // 60:02d}"


def _date_text(date: Date, encoding: int) -> str:
    day = f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    if encoding == XML_LOCAL:
        return f"{day} {_utc_offset()}"
    if encoding == XML_DATETIME_LOCAL:
        return f"{day}T00:00:00 {_utc_offset()}"
    if encoding == XML_UTC:
        return f"{day}Z"
    if encoding == XML_DATETIME_UTC:
        return f"{day}T00:00:00Z"
    return day


def _time_text(time: Time, encoding: int) -> str:
    seconds = time.seconds
    if encoding == XML_SECONDS:
        return str(seconds)
    if encoding == XML_DURATION:
        return f"PT{seconds // 3600:02d}H{seconds % 3600 // 60:02d}M{seconds % 60:02d}S"
    if encoding == XML_DATETIME_UTC:
        seconds = (seconds + _time.timezone) % 86400
    clock = f"0000-00-00T{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if encoding == XML_DATETIME_UTC:
        return clock + "Z"
    if encoding == XML_DATETIME_LOCAL:
        return clock + _utc_offset()
    return clock


def to_xml_text(document: Document | None, value) -> str | None:
    """*value* as XML text, by the document's options (xml-set-options.md);
    None for a type that has no XML form."""
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return number_text(value)
    if kind is Date:
        return _date_text(value, option(document, XML_DATE_ENCODING))
    if kind is Time:
        return _time_text(value, option(document, XML_TIME_ENCODING))
    if value is UNDEFINED or value is None:
        return ""
    data = blob_bytes(value)
    if data is not None:
        encoded_data = base64.b64encode(data).decode("ascii")
        if option(document, XML_BINARY_ENCODING) == XML_DATA_URI_SCHEME:
            return "data:;base64," + encoded_data
        return encoded_data
    return None


_NUMBER = re.compile(r"\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_ISO_TIME = re.compile(r"(?:.*T)?(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(Z|[-+]\d{2}:?\d{2})?\s*$")


def _decoded_time(text: str) -> Time:
    found = _ISO_TIME.match(text.strip())
    if found is None:
        number = _NUMBER.fullmatch(text)
        return Time(int(float(text.replace(",", "."))) if number else 0)
    hours, minutes, seconds, zone = found.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    if zone:                                 # "time zone is taken into account" (xml-decode.md)
        if zone == "Z":
            zone_seconds = 0
        else:
            digits = zone[1:].replace(":", "")
            zone_seconds = (int(digits[:2]) * 3600 + int(digits[2:]) * 60) * (1 if zone[0] == "+" else -1)
        local = _dt.datetime.now().astimezone().utcoffset().total_seconds()
        total = int(total - zone_seconds + local) % 86400
    return Time(total)


def from_xml_text(text: str, like):
    """*text* converted to the type of *like* (the receiving variable's
    value), by xml-decode.md's rules; Text when *like* has no type."""
    kind = type(like)
    if kind is bool:
        return text.strip().lower() in ("1", "true")
    if kind is float or kind is int:
        found = _NUMBER.match(text)
        number = float(found.group(0).replace(",", ".")) if found else 0.0
        return int(number) if kind is int else number
    if kind is Date:
        found = _ISO_DATE.match(text)
        return Date(*map(int, found.groups())) if found else Date(0, 0, 0)
    if kind is Time:
        return _decoded_time(text)
    if kind is bytearray or isinstance(like, Blob4D):
        payload = text.split("base64,", 1)[-1] if text.startswith("data:") else text
        try:
            data = base64.b64decode(payload.strip(), validate=False)
        except ValueError:
            data = b""
        return bytearray(data) if kind is bytearray else Blob4D(data)
    return text
