"""The XML DOM commands that find and walk nodes (commands-legacy/dom-*.md):
``DOM Find XML element`` (XPath) and ``by ID``, children, siblings,
parent and root, ``DOM Get XML element``, ``DOM Count XML elements``, child
nodes of any type, and moving elements (append, insert, remove).

Looking for something that is not there only sets OK to 0 and returns the
null reference (see ``xml_dom``).
"""
from __future__ import annotations

from fourd.api.blob import blob_bytes
from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.registry import Ref
from fourd.commands.xml_dom import ELEMENT_OR_DOCUMENT, done, element_of, fragment, name_error, not_found
from fourd.commands.xml_tree import (
    NULL_REF, Comment, Doctype, Document, Element, Instruction, Text, is_name, lookup, reference, set_ok,
    xpath_find,
)
from fourd.commands.xml_values import XML_CASE_INSENSITIVE, XML_CASE_SENSITIVITY, from_xml_text, option, to_xml_text
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import Codes, fail

# Node types (DOM Append XML child node, DOM GET XML CHILD NODES).
XML_COMMENT, XML_PROCESSING_INSTRUCTION, XML_DATA, XML_CDATA, XML_DOCTYPE, XML_ELEMENT = 2, 3, 6, 7, 10, 11


# --- finding ----------------------------------------------------------------------------------

def _fill_array(ref: Ref, kind: str, values: list) -> None:
    """Sets the array in *ref* (created as a *kind* array when it is not one) to *values*."""
    array = ref.get()
    if type(array) is not Array4D:
        array = Array4D(kind)
        ref.set(array)
    array.resize(len(values))
    for index, value in enumerate(values, 1):
        array.items[index] = array.convert(value)


@command_with("DOM Find XML element", TEXT, TEXT, REF, refs=(2,))
def dom_find_xml_element(ref: str, path: str, found_refs: Ref | None = None) -> str:
    command_name = "DOM Find XML element"
    context = element_of(command_name, ref)
    if context is None:
        return NULL_REF
    found = xpath_find(command_name, context, path)
    if found is None:
        return NULL_REF
    references = [reference(element) for element in found]
    if found_refs is not None:
        _fill_array(found_refs, "text", references)
    return done(references[0]) if references else not_found()


@command_with("DOM Find XML element by ID", TEXT, TEXT)
def dom_find_xml_element_by_id(ref: str, id_value: str) -> str:
    """The first element of the whole document whose ``id`` attribute is *id_value*."""
    context = element_of("DOM Find XML element by ID", ref)
    if context is None:
        return NULL_REF
    document = context.document()
    found = document.element_with_id(id_value) if document is not None else None
    return done(reference(found)) if found is not None else not_found()


# --- moving around ------------------------------------------------------------------------------

def _related(command_name: str, ref: str, pick, name: Ref | None, value: Ref | None) -> str:
    node = lookup(command_name, ref, ELEMENT_OR_DOCUMENT)
    if node is None:
        return NULL_REF
    found = pick(node)
    if found is None:
        return not_found()
    if name is not None:
        name.set(from_xml_text(found.name, name.get()))
    if value is not None:
        value.set(from_xml_text(found.value(), value.get()))
    return done(reference(found))


def _sibling(node, step: int):
    """The element *step* places away (1: next, -1: previous) among the element's siblings."""
    parent = node.parent if type(node) is Element else None
    if parent is None:
        return None
    children = parent.children
    index = children.index(node) + step
    while 0 <= index < len(children):
        if type(children[index]) is Element:
            return children[index]
        index += step
    return None


def _register_relative(command_name: str, pick) -> None:
    def relative(ref: str, name: Ref | None = None, value: Ref | None = None) -> str:
        return _related(command_name, ref, pick, name, value)

    command_with(command_name, TEXT, REF, REF, refs=(1, 2))(relative)


def _parent(node):
    return node.parent if type(node) is Element and type(node.parent) is Element else None


_register_relative("DOM Get first child XML element", lambda node: (node.elements() or [None])[0])
_register_relative("DOM Get last child XML element", lambda node: (node.elements() or [None])[-1])
_register_relative("DOM Get next sibling XML element", lambda node: _sibling(node, 1))
_register_relative("DOM Get previous sibling XML element", lambda node: _sibling(node, -1))
_register_relative("DOM Get parent XML element", _parent)


@command_with("DOM Get root XML element", TEXT)
def dom_get_root_xml_element(ref: str) -> str:
    node = lookup("DOM Get root XML element", ref, ELEMENT_OR_DOCUMENT)
    document = node.document() if node is not None else None
    root = document.root() if document is not None else None
    return done(reference(root)) if root is not None else not_found()


@command_with("DOM Get XML document ref", TEXT)
def dom_get_xml_document_ref(ref: str) -> str:
    node = lookup("DOM Get XML document ref", ref, ELEMENT_OR_DOCUMENT)
    document = node.document() if node is not None else None
    return done(reference(document)) if document is not None else not_found()


def _named(element: Element, name: str) -> list[Element]:
    """The child elements called *name* (XML DOM case sensitivity option)."""
    if option(element.document(), XML_CASE_SENSITIVITY) == XML_CASE_INSENSITIVE:
        folded = name.casefold()
        return [child for child in element.elements() if child.name.casefold() == folded]
    return [child for child in element.elements() if child.name == name]


@command_with("DOM Count XML elements", TEXT, TEXT)
def dom_count_xml_elements(ref: str, name: str) -> int:
    element = element_of("DOM Count XML elements", ref)
    if element is None:
        return 0
    set_ok(True)
    return len(_named(element, name))


@command_with("DOM Get XML element", TEXT, TEXT, LONGINT, REF, refs=(3,))
def dom_get_xml_element(ref: str, name: str, index: int, value: Ref) -> str:
    element = element_of("DOM Get XML element", ref)
    if element is None:
        return NULL_REF
    named = _named(element, name)
    if not 1 <= index <= len(named):
        set_ok(False)
        fail(Codes.XML_INVALID_REFERENCE, f"DOM Get XML element: no element {name!r} number {index}")
        return NULL_REF
    value.set(from_xml_text(named[index - 1].value(), value.get()))
    return done(reference(named[index - 1]))


# --- child nodes ------------------------------------------------------------------------------

def _node_type_and_value(node) -> tuple[int, str]:
    kind = type(node)
    if kind is Element:
        return XML_ELEMENT, reference(node)
    if kind is Text:
        return (XML_CDATA if node.cdata else XML_DATA), node.value
    if kind is Comment:
        return XML_COMMENT, node.value
    if kind is Instruction:
        return XML_PROCESSING_INSTRUCTION, node.value
    return XML_DOCTYPE, node.value


@command_with("DOM GET XML CHILD NODES", TEXT, REF, REF, refs=(1, 2))
def dom_get_xml_child_nodes(ref: str, types: Ref, values: Ref) -> None:
    node = lookup("DOM GET XML CHILD NODES", ref, ELEMENT_OR_DOCUMENT)
    if node is None:
        return
    pairs = [_node_type_and_value(child) for child in node.children]
    _fill_array(types, "longint", [kind for kind, _ in pairs])
    _fill_array(values, "text", [value for _, value in pairs])
    set_ok(True)


@command_with("DOM Append XML child node", TEXT, LONGINT, ANY)
def dom_append_xml_child_node(ref: str, child_type: int, child_value) -> str:
    """Appends a node of *child_type*; at the document node, comments and
    instructions go before the root element and a doctype replaces the
    existing one. Returns the new element's reference (XML ELEMENT), else
    the reference passed."""
    command_name = "DOM Append XML child node"
    node = lookup(command_name, ref, ELEMENT_OR_DOCUMENT)
    if node is None:
        return NULL_REF
    data = blob_bytes(child_value)
    text = data.decode("utf-8", "replace") if data is not None else to_xml_text(None, child_value)
    if text is None:
        set_ok(False)
        return incompatible(command_name, "the value must be a Text or a Blob") or NULL_REF
    if type(node) is Document:
        return _append_to_document(command_name, node, child_type, text, ref)
    if child_type == XML_ELEMENT:
        nodes = fragment(text)
        if nodes and all(type(item) is Element for item in nodes):
            for item in nodes:
                node.append(item)
            return done(reference(nodes[-1]))
        if not is_name(text.strip()):
            return name_error(command_name, text) or NULL_REF
        return done(reference(node.append(Element(text.strip()))))
    made = {XML_DATA: lambda: Text(text), XML_CDATA: lambda: Text(text, True),
            XML_COMMENT: lambda: Comment(text), XML_PROCESSING_INSTRUCTION: lambda: Instruction(text)}.get(child_type)
    if made is None:
        set_ok(False)
        fail(Codes.XML_NODE_TYPE, f"{command_name}: a node of type {child_type} cannot be appended to an element")
        return NULL_REF
    node.append(made())
    return done(ref)


def _append_to_document(command_name: str, document: Document, child_type: int, text: str, ref: str) -> str:
    root = document.root()
    before_root = document.children.index(root) if root is not None else len(document.children)
    if child_type == XML_DOCTYPE:
        existing = document.doctype()
        if existing is not None:
            existing.value = text
            document.changed()
        else:
            document.insert(0, Doctype(text))
    elif child_type == XML_COMMENT:
        document.insert(before_root, Comment(text))
    elif child_type == XML_PROCESSING_INSTRUCTION:
        document.insert(before_root, Instruction(text))
    else:
        set_ok(False)
        fail(Codes.XML_NODE_TYPE, f"{command_name}: a node of type {child_type} cannot be "
                                  "appended to the document node")
        return NULL_REF
    return done(ref)


def _copy_into(command_name: str, target_ref: str, source_ref: str, place) -> str:
    target = element_of(command_name, target_ref)
    source = element_of(command_name, source_ref) if target is not None else None
    if source is None:
        return NULL_REF
    copy = source.copy()
    place(target, copy)
    return done(reference(copy))


@command_with("DOM Append XML element", TEXT, TEXT)
def dom_append_xml_element(target: str, source: str) -> str:
    """Appends a copy of *source* (which may belong to another tree)."""
    return _copy_into("DOM Append XML element", target, source, lambda parent, copy: parent.append(copy))


@command_with("DOM Insert XML element", TEXT, TEXT, LONGINT)
def dom_insert_xml_element(target: str, source: str, child_index: int) -> str:
    """Inserts a copy of *source* before the child element at *child_index*
    (before the first child when there is none at that index)."""
    def place(parent: Element, copy: Element) -> None:
        elements = parent.elements()
        before = elements[child_index - 1] if 1 <= child_index <= len(elements) else None
        parent.insert(parent.children.index(before) if before is not None else 0, copy)

    return _copy_into("DOM Insert XML element", target, source, place)


@command_with("DOM REMOVE XML ELEMENT", TEXT)
def dom_remove_xml_element(ref: str) -> None:
    element = element_of("DOM REMOVE XML ELEMENT", ref)
    if element is None:
        return
    if element.parent is not None:
        element.parent.remove(element)
    set_ok(True)
