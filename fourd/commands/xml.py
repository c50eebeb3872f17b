"""The "XML" theme (commands-legacy/xml-*.md): options of the DOM trees,
``XML DECODE``, ``XML GET ERROR``; and the "SVG" theme, whose commands all
draw or read rendered pictures, which fourd does not have.

``XML SET OPTIONS`` with a tree's reference sets that tree's options; with
an empty reference (the form xml-set-options.md documents for ``XML
external entity resolution``) it sets the defaults of the trees created
afterwards, which ``XML GET OPTIONS`` with an empty reference reads. SAX
documents are not implemented: their references are refused like any
unknown reference.
"""
from __future__ import annotations

from fourd.commands.arguments import ANY, REF, TEXT, command_with, incompatible
from fourd.commands.registry import Ref, command
from fourd.commands.xml_dom import last_parse_error
from fourd.commands.xml_tree import Document, Element, lookup, set_ok
from fourd.commands.xml_values import (
    OPTIONS, XML_ENABLED, XML_EXTERNAL_ENTITIES, from_xml_text, option, set_default_option,
)
from fourd.runtime.conversions import to_longint
from fourd.runtime.errors import Codes, fail
from fourd.runtime.values import UNDEFINED

_TREE_NODES = (Element, Document)


def _options_target(command_name: str, ref) -> tuple[bool, Document | None]:
    """(found, document): the tree *ref* designates, or None for ""."""
    if ref == "" or ref is UNDEFINED:
        return True, None
    node = lookup(command_name, ref, _TREE_NODES)
    return node is not None, node.document() if node is not None else None


def _valid_selector(command_name: str, selector) -> int | None:
    number = to_longint(selector) if type(selector) in (int, float) else None
    if number not in OPTIONS:
        set_ok(False)
        incompatible(command_name, f"unknown XML option selector {selector!r}")
        return None
    return number


def _option_pairs(command_name: str, ref, pairs, second: str):
    """(document, [(selector, value or variable)]) of XML SET/GET OPTIONS'
    arguments; None after an error (unknown reference or selector, odd pairs)."""
    found, document = _options_target(command_name, ref)
    if not found:
        return None
    if not pairs or len(pairs) % 2:
        set_ok(False)
        incompatible(command_name, f"selectors and {second} go by pairs")
        return None
    selectors = [_valid_selector(command_name, selector) for selector in pairs[::2]]
    if None in selectors:
        return None
    return document, list(zip(selectors, pairs[1::2]))


@command("XML SET OPTIONS")
def xml_set_options(ref=UNDEFINED, *pairs) -> None:
    name = "XML SET OPTIONS"
    arguments = _option_pairs(name, ref, pairs, "values")
    if arguments is None:
        return
    document, settings = arguments
    for number, value in settings:
        value = to_longint(value) if type(value) in (int, float) else value
        if value not in OPTIONS[number][1]:
            set_ok(False)
            return incompatible(name, f"{value!r} is not a value of option {number}")
        if number == XML_EXTERNAL_ENTITIES and value == XML_ENABLED:
            # fourd's parser never reads outside the document (no network,
            # no external entities): a clear error rather than a silent no.
            set_ok(False)
            return fail(Codes.UNSUPPORTED_COMMAND,
                        f"{name}: external entity resolution is not available in fourd")
        if document is None or number == XML_EXTERNAL_ENTITIES:
            set_default_option(number, value)
        if document is not None:
            document.options[number] = value
    set_ok(True)


@command("XML GET OPTIONS", refs=tuple(range(2, 2 * len(OPTIONS) + 1, 2)))
def xml_get_options(ref=UNDEFINED, *pairs) -> None:
    arguments = _option_pairs("XML GET OPTIONS", ref, pairs, "variables")
    if arguments is None:
        return
    document, requests = arguments
    for number, variable in requests:
        variable.set(option(document, number))
    set_ok(True)


@command_with("XML DECODE", TEXT, REF, refs=(1,))
def xml_decode(xml_value: str, variable: Ref) -> None:
    """*xml_value* converted to the variable's type (xml-decode.md)."""
    variable.set(from_xml_text(xml_value, variable.get()))


@command_with("XML GET ERROR", ANY, REF, REF, REF, refs=(1, 2, 3))
def xml_get_error(ref, error_text: Ref, row: Ref | None = None, column: Ref | None = None) -> None:
    """The last parse error of this process: its text, line and column
    (lxml's, where 4D gives Xerces'); "" and 0 when the last parse succeeded."""
    message, line, position = last_parse_error() or ("", 0, 0)
    error_text.set(message)
    if row is not None:
        row.set(line)
    if column is not None:
        column.set(position)
    set_ok(True)


def _needs_rendering(name: str):
    def unavailable(*args):
        return fail(Codes.UNSUPPORTED_COMMAND,
                    f"{name}: SVG pictures are not rendered in fourd (no pictures, no forms)")

    command(name)(unavailable)


for _name in ("SVG EXPORT TO PICTURE", "SVG Find element ID by coordinates", "SVG Find element IDs by rect",
              "SVG GET ATTRIBUTE", "SVG SET ATTRIBUTE", "SVG SHOW ELEMENT"):
    _needs_rendering(_name)
