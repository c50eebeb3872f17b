"""The XML DOM commands (theme "XML DOM", commands-legacy/dom-*.md) that
parse, build, change and write trees; those that find and walk nodes are in
``xml_navigation``. :mod:`fourd.commands.xml_tree` explains the model and
the references, :mod:`fourd.commands.xml_io` how trees are read and written.

Every command sets OK to 1 when it succeeds, 0 otherwise. An invalid
reference, name, XPath or XML document is a 4D error (catchable with
``Try``); looking for something that is not there (``DOM Find XML element``,
``DOM Find XML element by ID``, a sibling past the last one) only sets OK
to 0 and returns the null reference (32 zeros): 4D-SVG tests OK after those
calls without an error handler.
"""
from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from lxml import etree

from fourd.api.blob import blob_bytes
from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.api.paths import PathError, filesystem_root, native_path, package_root
from fourd.commands.registry import Ref, command
from fourd.commands.xml_io import XmlError, encoded, parse, serialize
from fourd.commands.xml_tree import (
    NULL_REF, Document, Element, Parent, Text, forget, is_name, lookup, reference, set_ok, xpath_find,
)
from fourd.commands.xml_values import (
    XML_INDENTATION, XML_NO_INDENTATION, XML_RAW_DATA, XML_STRING_ENCODING, XML_WITH_INDENTATION,
    from_xml_text, option, to_xml_text,
)
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import Codes, fail
from fourd.runtime.values import UNDEFINED, Blob4D

# DOM Get XML information selectors (dom-get-xml-information.md).
PUBLIC_ID, SYSTEM_ID, DOCTYPE_NAME, ENCODING, VERSION, DOCUMENT_URI = 1, 2, 3, 4, 5, 6

ELEMENT_OR_DOCUMENT = (Element, Document)
_last_parse_error = threading.local()     # (message, line, column) of the process's last parse


def done(ref: str) -> str:
    """*ref*, with OK set to 1."""
    set_ok(True)
    return ref


def not_found() -> str:
    """The null reference, with OK set to 0 (no error: nothing was found)."""
    set_ok(False)
    return NULL_REF


def element_of(command_name: str, ref) -> Element | None:
    """The element *ref* designates; else error (and None)."""
    return lookup(command_name, ref)


def name_error(command_name: str, name: str):
    """Error: *name* is not an XML name."""
    set_ok(False)
    return fail(Codes.XML_INVALID_NAME, f"{command_name}: invalid XML name: {name!r}")


def _xml_text(command_name: str, document, value) -> str | None:
    text = to_xml_text(document, value)
    if text is None:
        set_ok(False)
        incompatible(command_name, "the value cannot be written in XML")
    return text


def _set_attributes(command_name: str, element: Element, pairs) -> bool:
    if len(pairs) % 2:
        set_ok(False)
        incompatible(command_name, "attribute names and values go by pairs")
        return False
    document = element.document()
    for name, value in zip(pairs[::2], pairs[1::2]):
        if type(name) is not str or not is_name(name):
            name_error(command_name, str(name))
            return False
        text = _xml_text(command_name, document, value)
        if text is None:
            return False
        element.attributes[name] = text
    element.touch()
    return True


# --- files ------------------------------------------------------------------------------

def _file_path(value) -> Path:
    """A file given as a path-like object or a path text: a POSIX path
    (``/RESOURCES/…`` filesystems too) or a bare name, looked for beside the
    structure file (in the project's ``Project`` folder), as 4D does.
    Raises PathError."""
    if type(value) is not str:
        return Path(os.fspath(value))
    if value.startswith("/"):
        return Path(native_path(value))
    structure = filesystem_root("PROJECT")
    return (structure if structure.is_dir() else package_root()) / value


def _path_argument(command_name: str, value) -> Path | None:
    if type(value) is str and value == "":
        set_ok(False)
        fail(Codes.UNSUPPORTED_COMMAND, f"{command_name}: an empty path opens a file dialog, "
                                        "which is not available in fourd")
        return None
    if type(value) is str and value.split(":", 1)[0].lower() in ("http", "https", "ftp"):
        set_ok(False)
        fail(Codes.XML_PARSE, f"{command_name}: fourd reads no XML from the network: {value}")
        return None
    if type(value) is not str and not hasattr(value, "__fspath__"):
        set_ok(False)
        incompatible(command_name, "the path must be a Text")
        return None
    try:
        return _file_path(value)
    except PathError as error:
        set_ok(False)
        fail(Codes.INVALID_PATH, f"{command_name}: {error}")
        return None


# --- parsing -----------------------------------------------------------------------------

def _schema(command_name: str, source: str):
    """The DTD or XML schema given as the third parameter: a DTD's text
    (starting with "<?xml"), a .xsd file or a .dtd file."""
    if source.lstrip().startswith("<?xml"):
        text = source.split("?>", 1)[1] if "?>" in source else source
        return etree.DTD(_StringFile(text))
    path = _file_path(source)
    if path.suffix.lower() == ".xsd":
        return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True,
                                                                     resolve_entities=False)))
    return etree.DTD(str(path))


class _StringFile:
    """The file-like object etree.DTD reads a text from."""

    def __init__(self, text: str):
        self._data = text.encode("utf-8")

    def read(self, size: int = -1) -> bytes:
        data, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return data


def _parsed(command_name: str, data: bytes, validation, dtd, base_url: str | None,
            declared_encoding: str | None = None) -> str:
    validate = bool(validation) if validation is not UNDEFINED else False
    try:
        schema = _schema(command_name, dtd) if validate and type(dtd) is str and dtd else None
        document = parse(data, base_url=base_url, validate=validate, schema=schema)
    except XmlError as error:
        return _parse_failure(command_name, error.message, error.line, error.column)
    except (etree.XMLSyntaxError, etree.DTDParseError, etree.XMLSchemaParseError, OSError, PathError) as error:
        return _parse_failure(command_name, str(error), 0, 0)
    _last_parse_error.value = None
    if declared_encoding:
        document.encoding = declared_encoding
    root = document.root()
    return done(reference(root if root is not None else document))


def _parse_failure(command_name: str, message: str, line: int, column: int) -> str:
    _last_parse_error.value = (message, line, column)
    set_ok(False)
    fail(Codes.XML_PARSE, f"{command_name}: {message} (line {line}, column {column})")
    return NULL_REF


@command_with("DOM Parse XML source", ANY, ANY, ANY)
def dom_parse_xml_source(document, validation=UNDEFINED, dtd=UNDEFINED) -> str:
    path = _path_argument("DOM Parse XML source", document)
    if path is None:
        return NULL_REF
    try:
        data = path.read_bytes()
    except OSError as error:
        return _parse_failure("DOM Parse XML source", f"cannot read {path}: {error.strerror}", 0, 0)
    return _parsed("DOM Parse XML source", data, validation, dtd, str(path))


@command_with("DOM Parse XML variable", ANY, ANY, ANY)
def dom_parse_xml_variable(variable, validation=UNDEFINED, dtd=UNDEFINED) -> str:
    if type(variable) is str:
        # lxml refuses a str that declares an encoding: the text's characters
        # are read as UTF-8, whatever the declaration says.
        data, declared = _declared_utf8(variable.lstrip("\ufeff").encode("utf-8"))
        return _parsed("DOM Parse XML variable", data, validation, dtd, None, declared)
    data = blob_bytes(variable)
    if data is None:
        set_ok(False)
        return incompatible("DOM Parse XML variable", "a Text or a Blob was expected")
    return _parsed("DOM Parse XML variable", data, validation, dtd, None)


_ENCODING_DECLARATION = re.compile(rb"""encoding\s*=\s*(["'])([^"']*)\1""")


def _declared_utf8(data: bytes) -> tuple[bytes, str | None]:
    """*data* with its encoding declaration saying UTF-8 (the text was
    encoded so), and the encoding it declared (None without a declaration)."""
    end = data.find(b"?>") if data.startswith(b"<?xml") else -1
    found = _ENCODING_DECLARATION.search(data, 0, end) if end > 0 else None
    if found is None:
        return data, None
    return data[:found.start()] + b'encoding="UTF-8"' + data[found.end():], found.group(2).decode("ascii", "replace")


# --- creating ------------------------------------------------------------------------------

@command("DOM Create XML Ref")
def dom_create_xml_ref(root=UNDEFINED, namespace=UNDEFINED, *pairs) -> str:
    name = "DOM Create XML Ref"
    if type(root) is not str or not is_name(root):
        return name_error(name, str(root)) or NULL_REF
    document = Document()
    element = document.append(Element(root))
    if type(namespace) is str and namespace:
        prefix = root.split(":", 1)[0] if ":" in root else ""
        element.attributes["xmlns:" + prefix if prefix else "xmlns"] = namespace
    if len(pairs) % 2:
        set_ok(False)
        return incompatible(name, "namespace names and values go by pairs") or NULL_REF
    for prefix, uri in zip(pairs[::2], pairs[1::2]):
        attribute = prefix if prefix.startswith("xmlns") else "xmlns:" + prefix
        element.attributes[attribute] = to_xml_text(document, uri) or ""
    return done(reference(element))


_STEP = re.compile(r"\s*([^\[\]/\s]+)\s*(?:\[\s*(\d+|last\(\))\s*\])?\s*")


def _steps(command_name: str, path: str) -> list[tuple[str, str | None]] | None:
    steps = []
    for part in path.split("/"):
        found = _STEP.fullmatch(part)
        if found is None or not is_name(found.group(1)):
            name_error(command_name, part)
            return None
        steps.append((found.group(1), found.group(2)))
    return steps


def _child_at(parent: Parent, name: str, position: str | None) -> Element | None:
    """The child element *name* at *position* (1-based, "last()", or the first)."""
    same = [child for child in parent.elements() if child.name == name]
    if not same:
        return None
    if position is None:
        return same[0]
    if position == "last()":
        return same[-1]
    index = int(position)
    return same[index - 1] if 1 <= index <= len(same) else None


def _create_at(command_name: str, start: Element, path: str) -> Element | None:
    """Creates the element *path* designates (dom-create-xml-element.md):
    missing steps are created, existing ones followed; the last step always
    creates a new element, before the one at its position when there is one."""
    path = path.strip()
    parent: Parent = start
    if path.startswith("/"):
        document = start.document()
        steps = _steps(command_name, path[1:])
        if steps is None or document is None:
            return None
        root = document.root()
        if root is None or steps[0][0] != root.name:
            name_error(command_name, path)
            return None
        parent, steps = root, steps[1:]
        if not steps:
            name_error(command_name, path)
            return None
    else:
        steps = _steps(command_name, path)
        if steps is None:
            return None
    for name, position in steps[:-1]:
        found = _child_at(parent, name, position)
        parent = found if found is not None else parent.append(Element(name))
    name, position = steps[-1]
    element = Element(name)
    before = _child_at(parent, name, position) if position is not None else None
    if before is not None:
        return parent.insert(parent.children.index(before), element)
    return parent.append(element)


@command("DOM Create XML element")
def dom_create_xml_element(ref=UNDEFINED, path=UNDEFINED, *pairs) -> str:
    name = "DOM Create XML element"
    start = element_of(name, ref)
    if start is None:
        return NULL_REF
    if type(path) is not str:
        set_ok(False)
        return incompatible(name, "the XPath must be a Text") or NULL_REF
    element = _create_at(name, start, path)
    if element is None or not _set_attributes(name, element, pairs):
        return NULL_REF
    return done(reference(element))


@command("DOM Create XML element arrays")
def dom_create_xml_element_arrays(ref=UNDEFINED, path=UNDEFINED, *arrays) -> str:
    name = "DOM Create XML element arrays"
    if any(type(array) is not Array4D for array in arrays) or len(arrays) % 2:
        set_ok(False)
        fail(Codes.XML_ARRAY_TYPE, f"{name}: attribute names and values go by pairs of arrays")
        return NULL_REF
    pairs = []
    for names, values in zip(arrays[::2], arrays[1::2]):
        for index in range(1, min(names.size, values.size) + 1):
            pairs += [names.items[index], values.items[index]]
    return dom_create_xml_element(ref, path, *pairs)


@command("DOM SET XML ATTRIBUTE")
def dom_set_xml_attribute(ref=UNDEFINED, *pairs) -> None:
    element = element_of("DOM SET XML ATTRIBUTE", ref)
    if element is not None and _set_attributes("DOM SET XML ATTRIBUTE", element, pairs):
        set_ok(True)


# --- attributes ----------------------------------------------------------------------------

def _no_attribute(command_name: str, what: str):
    set_ok(False)
    return fail(Codes.XML_NO_ATTRIBUTE, f"{command_name}: no attribute {what}")


@command_with("DOM GET XML ATTRIBUTE BY NAME", TEXT, TEXT, REF, refs=(2,))
def dom_get_xml_attribute_by_name(ref: str, name: str, value: Ref) -> None:
    command_name = "DOM GET XML ATTRIBUTE BY NAME"
    element = element_of(command_name, ref)
    if element is None:
        return
    if name not in element.attributes:
        return _no_attribute(command_name, repr(name))
    value.set(from_xml_text(element.attributes[name], value.get()))
    set_ok(True)


@command_with("DOM GET XML ATTRIBUTE BY INDEX", TEXT, LONGINT, REF, REF, refs=(2, 3))
def dom_get_xml_attribute_by_index(ref: str, index: int, name: Ref, value: Ref) -> None:
    command_name = "DOM GET XML ATTRIBUTE BY INDEX"
    element = element_of(command_name, ref)
    if element is None:
        return
    attributes = element.sorted_attributes()
    if not 1 <= index <= len(attributes):
        return _no_attribute(command_name, f"number {index} (there are {len(attributes)})")
    name.set(from_xml_text(attributes[index - 1][0], name.get()))
    value.set(from_xml_text(attributes[index - 1][1], value.get()))
    set_ok(True)


@command_with("DOM Count XML attributes", TEXT)
def dom_count_xml_attributes(ref: str) -> int:
    element = element_of("DOM Count XML attributes", ref)
    if element is None:
        return 0
    set_ok(True)
    return len(element.attributes)


@command_with("DOM REMOVE XML ATTRIBUTE", TEXT, TEXT)
def dom_remove_xml_attribute(ref: str, name: str) -> None:
    element = element_of("DOM REMOVE XML ATTRIBUTE", ref)
    if element is None:
        return
    if name not in element.attributes:
        return _no_attribute("DOM REMOVE XML ATTRIBUTE", repr(name))
    del element.attributes[name]
    element.touch()
    set_ok(True)


# --- names and values ------------------------------------------------------------------------

@command_with("DOM GET XML ELEMENT NAME", TEXT, REF, refs=(1,))
def dom_get_xml_element_name(ref: str, name: Ref) -> None:
    element = element_of("DOM GET XML ELEMENT NAME", ref)
    if element is not None:
        name.set(from_xml_text(element.name, name.get()))
        set_ok(True)


@command_with("DOM SET XML ELEMENT NAME", TEXT, TEXT)
def dom_set_xml_element_name(ref: str, name: str) -> None:
    element = element_of("DOM SET XML ELEMENT NAME", ref)
    if element is None:
        return
    if not is_name(name):
        return name_error("DOM SET XML ELEMENT NAME", name)
    element.name = name
    element.touch()
    set_ok(True)


@command_with("DOM GET XML ELEMENT VALUE", TEXT, REF, REF, refs=(1, 2))
def dom_get_xml_element_value(ref: str, value: Ref, cdata: Ref | None = None) -> None:
    """The element's text children; with *cdata*, its CDATA sections go
    there and not in *value* (without it, *value* has both)."""
    element = element_of("DOM GET XML ELEMENT VALUE", ref)
    if element is None:
        return
    value.set(from_xml_text(element.value(None if cdata is None else False), value.get()))
    if cdata is not None:
        cdata.set(from_xml_text(element.value(True), cdata.get()))
    set_ok(True)


_OMITTED = object()   # a parameter not passed (Undefined is a value: "4D uses an empty string")


@command_with("DOM SET XML ELEMENT VALUE", TEXT, ANY, ANY, star=True)
def dom_set_xml_element_value(ref: str, path_or_value, value=_OMITTED, *, star: bool = False) -> None:
    command_name = "DOM SET XML ELEMENT VALUE"
    element = element_of(command_name, ref)
    if element is None:
        return
    if value is _OMITTED:
        value = path_or_value
    else:
        if type(path_or_value) is not str:
            set_ok(False)
            return incompatible(command_name, "the XPath must be a Text")
        found = xpath_find(command_name, element, path_or_value)
        if not found:
            if found is not None:
                set_ok(False)
                fail(Codes.XML_INVALID_REFERENCE, f"{command_name}: no element at {path_or_value!r}")
            return
        element = found[0]
    document = element.document()
    text = _xml_text(command_name, document, value)
    if text is None:
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")   # "all CR and CRLF ... replaced by LF"
    if not star and type(value) is str and option(document, XML_STRING_ENCODING) == XML_RAW_DATA:
        nodes = fragment(text)
        element.children = [child for child in element.children if type(child) is not Text]
        for index, node in enumerate(nodes if nodes is not None else [Text(text, True)]):
            element.insert(index, node)
    else:
        element.set_value(text, cdata=star)
    set_ok(True)


def fragment(text: str) -> list | None:
    """The nodes of an XML fragment, or None when *text* is not one."""
    try:
        document = parse(b"<fragment>" + text.encode("utf-8") + b"</fragment>")
    except XmlError:
        return None
    holder = document.root()
    nodes = list(holder.children)
    holder.children = []
    return nodes


# --- document ---------------------------------------------------------------------------------

@command_with("DOM Get XML information", TEXT, LONGINT)
def dom_get_xml_information(ref: str, info: int) -> str:
    node = lookup("DOM Get XML information", ref, ELEMENT_OR_DOCUMENT)
    document = node.document() if node is not None else None
    if document is None:
        return ""
    doctype = document.doctype()
    values = {PUBLIC_ID: document.public_id, SYSTEM_ID: document.system_id,
              DOCTYPE_NAME: doctype.value.split()[0] if doctype and doctype.value.split() else "",
              ENCODING: document.encoding, VERSION: document.version, DOCUMENT_URI: document.url}
    if info not in values:
        set_ok(False)
        return incompatible("DOM Get XML information", f"unknown information {info}") or ""
    set_ok(True)
    return values[info]


def _root_document(command_name: str, ref: str) -> Document | None:
    node = lookup(command_name, ref, ELEMENT_OR_DOCUMENT)
    return node.document() if node is not None else None


@command_with("DOM SET XML DECLARATION", TEXT, TEXT, ANY, ANY)
def dom_set_xml_declaration(ref: str, encoding: str, standalone=UNDEFINED, indentation=UNDEFINED) -> None:
    """*indentation* (obsolete) sets the XML indentation option."""
    document = _root_document("DOM SET XML DECLARATION", ref)
    if document is None:
        return
    document.encoding = encoding or "UTF-8"
    if standalone is not UNDEFINED:
        document.standalone = bool(standalone)
    if indentation is not UNDEFINED:
        document.options[XML_INDENTATION] = XML_WITH_INDENTATION if indentation else XML_NO_INDENTATION
    set_ok(True)


def _exported(command_name: str, ref: str) -> tuple[Document, str] | None:
    node = lookup(command_name, ref, ELEMENT_OR_DOCUMENT)
    document = node.document() if node is not None else None
    if document is None:
        if node is not None:
            set_ok(False)
            fail(Codes.XML_INVALID_REFERENCE, f"{command_name}: the element is not in a tree")
        return None
    is_whole = node is document or node is document.root()
    return document, serialize(document, None if is_whole else node)


@command_with("DOM EXPORT TO VAR", TEXT, REF, refs=(1,))
def dom_export_to_var(ref: str, variable: Ref) -> None:
    """A Text variable receives the text; a Blob (or 4D.Blob) the bytes in
    the declared encoding."""
    exported = _exported("DOM EXPORT TO VAR", ref)
    if exported is None:
        return
    document, text = exported
    current = variable.get()
    if type(current) is bytearray:
        variable.set(bytearray(encoded(document, text)))
    elif blob_bytes(current) is not None:
        variable.set(Blob4D(encoded(document, text)))
    else:
        variable.set(text)
    set_ok(True)


@command_with("DOM EXPORT TO FILE", TEXT, ANY)
def dom_export_to_file(ref: str, file_path) -> None:
    path = _path_argument("DOM EXPORT TO FILE", file_path)
    exported = _exported("DOM EXPORT TO FILE", ref) if path is not None else None
    if exported is None:
        return
    document, text = exported
    try:
        path.write_bytes(encoded(document, text))
    except OSError as error:
        set_ok(False)
        fail(Codes.XML_PARSE, f"DOM EXPORT TO FILE: cannot write {path}: {error.strerror}")
        return
    set_ok(True)


@command_with("DOM CLOSE XML", TEXT)
def dom_close_xml(ref: str) -> None:
    """Frees the tree of a root reference (or of the document node)."""
    node = lookup("DOM CLOSE XML", ref, ELEMENT_OR_DOCUMENT)
    if node is None:
        return
    document = node.document()
    if document is None or (node is not document and node is not document.root()):
        set_ok(False)
        fail(Codes.XML_INVALID_REFERENCE, "DOM CLOSE XML: the reference is not the root of a tree")
        return
    forget(document)
    set_ok(True)


def last_parse_error() -> tuple[str, int, int] | None:
    """The process's last parse error (XML GET ERROR)."""
    return getattr(_last_parse_error, "value", None)

