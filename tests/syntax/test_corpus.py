"""Every file of tests/corpus parses: a small 4D project written for these tests
in both styles 4D code is found in (hand-written, and tokenized as 4D exports
it: `Length:C16`, `[Table:1]Field:2`), with //%attributes headers, CRLF, CR
and BOM files."""
from pathlib import Path

import pytest

from fourd.syntax import ast
from fourd.syntax.parser import parse

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = sorted(CORPUS.rglob("*.4dm"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_the_corpus_has_methods_and_classes():
    kinds = {path.parent.name for path in FILES}
    assert kinds == {"Methods", "Classes"} and len(FILES) >= 9


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file_parses(path):
    module = parse(read(path), str(path))
    assert module.body or module.members


def test_line_end_styles_are_kept_by_git():
    methods = CORPUS / "Project" / "Sources" / "Methods"
    assert b"\r\n" in (methods / "crlf_name.4dm").read_bytes()
    assert b"\n" not in (methods / "cr_only.4dm").read_bytes()
    assert (methods / "bom_utf8.4dm").read_bytes().startswith(b"\xef\xbb\xbf")


def test_crlf_file_structure():
    module = parse(read(CORPUS / "Project/Sources/Methods/crlf_name.4dm"))
    assert module.attributes == '{"invisible":true}'
    assert [type(s).__name__ for s in module.body] == ["ExprStmt", "ExprStmt", "If"]
    assert module.body[2].line == 5


def test_class_files_structure():
    shape = parse(read(CORPUS / "Project/Sources/Classes/Shape.4dm"))
    assert [(p.names, p.type.dotted) for p in shape.body] == [
        (["name"], "Text"), (["sides", "width", "height"], "Integer"), (["tags"], "Collection")]
    assert [(m.kind, m.name, m.modifiers) for m in shape.members] == [
        ("constructor", "constructor", []), ("get", "area", []), ("set", "area", []),
        ("function", "describe", []), ("function", "tag", ["shared"]), ("function", "toObject", [])]
    entity = parse(read(CORPUS / "Project/Sources/Classes/ItemsEntity.4dm"))
    assert isinstance(entity.body[0], ast.ClassExtends)
    assert [(m.kind, m.modifiers) for m in entity.members] == [
        ("get", ["exposed"]), ("query", []), ("orderby", []), ("function", ["local"]),
        ("function", ["exposed", "onhttpget"])]


def test_tokenized_method_structure():
    module = parse(read(CORPUS / "Project/Sources/Methods/legacy_report.4dm"))
    query = module.body[7].expr
    assert query.callee.token == ("C", 277)
    assert [type(a).__name__ for a in query.args] == ["Table", "OperatorArg", "Binary"]
    assert query.args[2].left == ast.Field(query.args[2].left.line, query.args[2].left.column,
                                           "Customers", "Total Sales")
