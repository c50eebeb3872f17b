"""Reading and writing the XML trees of ``xml_tree``.

**Reading** is lxml's, made safe: no entity expansion (billion laughs), no
network, libxml2's size limits (``huge_tree`` off), a DTD loaded only to
validate. lxml does not report CDATA sections: an element holding only a
CDATA section keeps it, CDATA mixed with other content of a parsed document
becomes plain text.

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

import codecs

from lxml import etree

from fourd.commands.xml_tree import Comment, Doctype, Document, Element, Instruction, Node, Parent, Text
from fourd.commands.xml_values import (
    XML_BOM, XML_CR, XML_CRLF, XML_ENABLED, XML_INDENTATION, XML_LINE_ENDING, XML_WITH_INDENTATION,
)

__all__ = ["XmlError", "parse", "serialize", "encoded", "codec_of"]


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
