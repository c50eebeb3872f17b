"""The catalog of 4D command and constant names (fourd.syntax.catalog).

Command numbers come from the 4d/docs pages: Concepts/commands.md ("Name (Number)")
and the "Command number" row of each command page (versioned_docs/version-21);
a few from tokenized code exported by 4D (``Super:C1705``). Constant values come
from the constant tables of the command pages cited next to each group below;
``Name:Ktheme:index`` tokens from tokenized 4D code.
"""
import math
import pathlib
import re

import pytest

from fourd.syntax import catalog

SPEC = pathlib.Path(__file__).resolve().parents[2] / ".." / "shared" / "spec" / "4d-docs"

COMMANDS = [
    # Concepts/commands.md (4D v20)
    ("Length", 16), ("This", 1470), ("Super", 1706), ("cs", 1710), ("4D", 1709),
    ("Formula", 1597), ("Null", 1517), ("Storage", 1525), ("New object", 1471),
    ("True", 214), ("False", 215), ("Current method name", 684), ("Count parameters", 259),
    ("Value type", 1509), ("OB Instance of", 1731), ("New shared object", 1526),
    ("TEXT TO BLOB", 554), ("Abs", 99), ("ALERT", 41), ("Add to date", 393),
    ("OB Is defined", 1231), ("JSON Parse", 1218), ("ds", 1482), ("Form", 1466),
    # commands/*.md pages (Properties: Command number)
    ("Last errors", 1799), ("New collection", 1472), ("New shared collection", 1527),
    ("Formula from string", 1601), ("Num", 11), ("String", 10),
    # versioned_docs/version-21 pages
    ("Action info", 1442), ("INTEGER TO BLOB", 548), ("Generate digest", 1147),
    ("Get 4D folder", 485), ("Process state", 330), ("COMPRESS BLOB", 534), ("Exp", 21),
    ("Trim", 1853), ("Trim start", 1854), ("Trim end", 1855), ("Is window maximized", 1830),
    ("Is window reduced", 1831), ("REDUCE RESTORE WINDOW", 1829), ("Session info", 1844),
    ("WA Get context", 1849), ("WA SET CONTEXT", 1848),
    ("OBJECT SET DATA SOURCE FORMULA", 1851), ("OBJECT Get data source formula", 1852),
    # exported 4D code (Name:Cnnn)
    ("throw", 1805), ("Process info", 1843), ("Session storage", 1839),
    ("HTTP Parse message", 1824), ("SET WINDOW DOCUMENT ICON", 1840),
]

CONSTANTS = [
    # (name, value, (theme, index) or None)
    # commands/type.md, commands/value-type.md: Field and Variable Types
    ("Is object", 38, (8, 27)), ("Is collection", 42, (8, 32)), ("Is null", 255, (8, 31)),
    ("Is undefined", 5, (8, 13)), ("Is text", 2, (8, 3)), ("Is real", 1, (8, 4)),
    ("Is longint", 9, (8, 6)), ("Is date", 4, (8, 7)), ("Is time", 11, (8, 8)),
    ("Is Boolean", 6, (8, 9)), ("Is BLOB", 30, (8, 12)), ("Is pointer", 23, (8, 14)),
    ("Is picture", 3, (8, 10)), ("Is variant", 12, (8, 33)), ("Is integer 64 bits", 25, (8, 25)),
    ("Object array", 39, (8, 28)), ("_o_Is float", 35, None),
    # commands/text-to-blob.md, commands-legacy/integer-to-blob.md, compress-blob.md
    ("UTF8 text without length", 6, (22, 17)), ("UTF8 C string", 4, (22, 15)),
    ("Mac text with length", 2, (22, 9)), ("Native byte ordering", 0, (22, 1)),
    ("Macintosh byte ordering", 1, (22, 2)), ("PC byte ordering", 2, (22, 3)),
    ("GZIP best compression mode", -1, (22, 18)),
    # commands/log-event.md
    ("Into system standard outputs", 6, (38, 9)), ("Into 4D debug message", 1, (38, 5)),
    ("Into Windows log events", 0, (38, 4)), ("Into 4D request log", 2, (38, 6)),
    ("Error message", 2, (38, 3)),
    # commands/on-err-call.md
    ("ek local", 0, (92, 1)), ("ek global", 1, (92, 2)), ("ek errors from components", 2, (92, 3)),
    # API/CollectionClass.md, API/EntityClass.md
    ("ck ascending", 0, (85, 9)), ("ck descending", 1, (85, 8)), ("ck diacritical", 8, (85, 3)),
    ("ck resolve pointers", 1, (85, 26)), ("ck keep null", 1, (85, 1)),
    ("ck count values", 32, (85, 37)), ("dk status serious error", 4, (85, 22)),
    # commands/split-string.md, commands/position.md
    ("sk ignore empty strings", 1, (86, 1)), ("sk trim spaces", 2, (86, 2)),
    ("sk case insensitive", 2, (86, 6)), ("sk whole word", 32, (86, 10)),
    # commands/string.md
    ("ISO date", 8, (1, 8)), ("ISO date GMT", 9, (1, 10)), ("Date RFC 1123", 10, (1, 11)),
    ("Blank if null date", 100, (1, 9)), ("HH MM SS", 1, (7, 1)), ("ISO time", 8, (7, 8)),
    # commands/process-activity.md, commands-legacy/process-state.md, commands/process-info.md
    ("Processes only", 1, (5, 35)), ("Sessions only", 2, (5, 36)), ("Processes and sessions", 0, None),
    ("Does not exist", -100, (13, 3)), ("Aborted", -1, (13, 1)), ("Worker process", 5, (36, 32)),
    # commands-legacy/generate-digest.md, commands-legacy/get-4d-folder.md
    ("MD5 digest", 0, (66, 1)), ("SHA256 digest", 3, (66, 4)), ("SHA512 digest", 4, (66, 5)),
    ("Current resources folder", 6, (5, 16)),
    # commands/character-code.md (the code of the named character)
    ("Carriage return", 13, (15, 38)), ("Tab", 9, (15, 37)), ("Line feed", 10, (15, 40)),
    ("Double quote", 34, (15, 41)),
]

# commands-legacy/sin.md, cos.md, exp.md: Pi, one degree in radians, one radian in degrees, e
MATH = [("Pi", math.pi, (30, 1)), ("Degree", math.pi / 180, (30, 2)),
        ("Radian", 180 / math.pi, (30, 3)), ("e number", math.e, (30, 4))]


@pytest.mark.parametrize("name, number", COMMANDS)
def test_command_numbers_match_the_docs(name, number):
    info = catalog.command_by_name(name)
    assert info == catalog.CommandInfo(name, number)
    assert catalog.command_by_number(number) == info


@pytest.mark.parametrize("name, value, token", CONSTANTS + MATH)
def test_constant_values_and_tokens_match_the_docs(name, value, token):
    info = catalog.constant_by_name(name)
    assert info.name.lower() == name.lower()
    assert info.value == pytest.approx(value, rel=1e-15) and type(info.value) is type(value)
    if token is not None:
        assert (info.theme, info.index) == token
        assert catalog.constant_by_token(*token) is info


def test_lookups_ignore_case():
    assert catalog.command_by_name("text to blob").name == "TEXT TO BLOB"
    assert catalog.command_by_name("NEW OBJECT").number == 1471
    assert catalog.constant_by_name("IS OBJECT").value == 38
    assert catalog.constant_by_name("utf8 TEXT without LENGTH").value == 6


def test_unknown_names_and_numbers_give_none():
    assert catalog.command_by_name("No such command") is None
    assert catalog.command_by_number(999999) is None
    assert catalog.constant_by_name("No such constant") is None
    assert catalog.constant_by_token(8, 9999) is None


def test_former_names_resolve_to_the_current_command():
    # Notes/updates.md (4D 20 R7): deprecated commands are prefixed with _O_
    assert catalog.command_by_name("C_TEXT") == catalog.CommandInfo("_O_C_TEXT", 284)
    assert catalog.command_by_name("PROCESS PROPERTIES").name == "_O_PROCESS PROPERTIES"
    # renamed in 4D 20 Rx: same number, new name
    assert catalog.command_by_name("Get localized string") == catalog.CommandInfo("Localized string", 991)
    assert catalog.command_by_name("GET MOUSE") == catalog.CommandInfo("MOUSE POSITION", 468)
    assert catalog.command_by_number(1495).name == "Process activity"
    current = {info.name for info in catalog.commands()}
    assert "Get localized string" not in current and "Localized string" in current


def test_super_has_two_token_numbers():
    # Super:C1705 (call to the parent constructor) and Super:C1706 (the parent object)
    assert catalog.command_by_number(1705) == catalog.CommandInfo("Super", 1705)
    assert catalog.command_by_name("Super").number == 1706


def test_constant_types_follow_the_value_model():
    by_type = {}
    for info in catalog.constants():
        by_type.setdefault(info.type, set()).add(type(info.value))
    assert by_type["longint"] == {int} and by_type["real"] == {float}


def test_catalog_covers_every_command():
    # Concepts/commands.md lists about 1,335 commands; 4D 21 adds and renames some.
    assert len(catalog.commands()) >= 1350
    numbers = [info.number for info in catalog.commands()]
    assert len(set(numbers)) == len(numbers)


def test_multiword_names_feed_the_lexer():
    names = catalog.multiword_names()
    for name in ("TEXT TO BLOB", "New collection", "OB Is defined", "Is object",
                 "UTF8 text without length", "Into system standard outputs", "ek local",
                 "BASE64 ENCODE", "SHA256 digest", "Date RFC 1123", "Get localized string", "4D"):
        assert name in names
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)
    single = catalog.single_word_names()
    assert {"ALERT", "Pi", "This", "Tab", "_O_C_TEXT", "C_TEXT"} <= single
    assert not single & set(names)


def test_catalog_is_loaded_once():
    """The data files are read on first use only (their load time is part of
    bench/startup.py, not of a timed test)."""
    catalog._catalog.cache_clear()
    catalog.command_by_name("ALERT")
    first = catalog._catalog()
    catalog.constant_by_name("Is object")
    assert catalog._catalog() is first


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A scratch data folder; the real catalog is reloaded afterwards."""
    monkeypatch.setattr(catalog, "_DATA_DIR", str(tmp_path))
    catalog._catalog.cache_clear()
    yield tmp_path
    catalog._catalog.cache_clear()


def write_data(folder, commands, constants):
    (folder / "commands.tsv").write_text("# comment\nname\tnumber\tstatus\n" + commands)
    (folder / "constants.tsv").write_text("name\ttheme\tindex\ttype\tvalue\n" + constants)


def test_data_files_are_extensible(data_dir):
    write_data(data_dir, "Foo bar\t12\t\nOld foo\t12\trenamed\n",
               "Yes please\t\t\tboolean\ttrue\nGreeting\t99\t1\ttext\tHello\n")
    assert catalog.command_by_name("old FOO") == catalog.CommandInfo("Foo bar", 12)
    assert catalog.constant_by_name("yes please").value is True
    assert catalog.constant_by_token(99, 1).value == "Hello"


@pytest.mark.parametrize("commands, constants", [
    ("A\t1\t\nA\t2\t\n", ""),                          # name twice
    ("A\t1\t\nB\t1\t\n", ""),                          # number twice
    ("A\t1\trenamed\n", ""),                           # former name of nothing
    ("A\t1\n", ""),                                    # missing field
    ("A\tone\t\n", ""),                                # not a number
    ("", "K\t\t\tlongint\tmany\n"),                    # value of the wrong type
    ("", "K\t1\t\tlongint\t1\n"),                      # half a token
    ("A\t1\t\n", "a\t\t\tlongint\t1\n"),               # a constant named like a command
])
def test_malformed_data_is_reported(data_dir, commands, constants):
    write_data(data_dir, commands, constants)
    with pytest.raises(catalog.CatalogError):
        catalog.command_by_name("A")


# ---------------------------------------------------------------- spec pages
spec = pytest.mark.skipif(not SPEC.is_dir(), reason="shared/spec/4d-docs not available")


def spec_pages():
    return sorted(SPEC.rglob("*.md"))


def kebab(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def longest_known_suffix(text, lookup):
    """What *lookup* finds for the longest run of trailing words of *text* that
    it knows ("If (Not" + ":C34" names Not)."""
    words = text.split(" ")
    for start in range(len(words)):
        found = lookup(" ".join(words[start:]))
        if found is not None:
            return found
    return None


@spec
def test_tokens_in_spec_pages_agree_with_the_catalog():
    for page in spec_pages():
        text = page.read_text(encoding="utf-8")
        for name, number in re.findall(r"([\w .-]+):C(\d+)\b", text):
            info = catalog.command_by_number(int(number))
            named = longest_known_suffix(name, catalog.command_by_name)
            assert info is not None and named is not None and named.name == info.name, page.name
        for name, theme, index in re.findall(r"([\w .-]+):K(\d+):(\d+)", text):
            info = catalog.constant_by_token(int(theme), int(index))
            if info is not None:
                assert longest_known_suffix(name, catalog.constant_by_name) is info, page.name


@spec
def test_command_pages_title_and_number_agree_with_the_catalog():
    for page in sorted((SPEC / "commands").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        title = re.search(r"^title: (.+)$", text, re.M).group(1).strip()
        info = catalog.command_by_name(title)
        assert info is not None, page.name
        number = re.search(r"\|\s*Command number\s*\|\s*(\d+)", text)
        if number:
            assert info.number == int(number.group(1)), page.name


@spec
def test_commands_linked_from_spec_pages_are_known():
    link = re.compile(r"\[`?([^\]`*]+?)`?\]\((?:\.\./)*commands(?:-legacy)?/([a-z0-9-]+)")
    for page in spec_pages():
        for name, slug in link.findall(page.read_text(encoding="utf-8")):
            if kebab(name) == slug:            # the link text is the command name
                assert catalog.command_by_name(name) is not None, (name, page.name)


@spec
def test_constant_tables_in_spec_pages_agree_with_the_catalog():
    checked = 0
    for page in spec_pages():
        header = None
        for line in page.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not line.strip().startswith("|"):
                header = None
            elif header is None:
                header = [c.lower() for c in cells] if cells[0].lower() == "constant" else None
            elif "value" in header and not set(cells[0]) <= set("-: "):
                row = dict(zip(header, cells))
                name = row["constant"].strip("`").replace("\\_", "_")
                value = row["value"].replace("\\-", "-")
                if re.fullmatch(r"-?\d+", value):
                    assert catalog.constant_by_name(name).value == int(value), (name, page.name)
                    checked += 1
    assert checked >= 100


@spec
@pytest.mark.parametrize("name, page", [
    ("ck shared", "API/CollectionClass.md"), ("ck keep null", "API/CollectionClass.md"),
    ("ck ignore null or empty", "API/CollectionClass.md"),
    ("sk execute in current database", "commands/formula-from-string.md"),
    ("sk execute in host database", "commands/formula-from-string.md"),
    ("dk status serious error", "Concepts/error-handling.md"),
    ("Carriage return", "commands/char.md"), ("Tab", "commands/character-code.md"),
    ("Current resources folder", "Develop/async.md"),
])
def test_constants_named_in_spec_prose_are_known(name, page):
    assert name in (SPEC / page).read_text(encoding="utf-8")
    assert catalog.constant_by_name(name) is not None
