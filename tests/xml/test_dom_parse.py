"""Parsing: DOM Parse XML source/variable (validation, errors, hostile
documents), XML GET ERROR, DOM Get XML information, DOM CLOSE XML."""
import pytest

BOOKS = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bookstore SYSTEM "books.dtd">\n'
         '<bookstore>\n  <book><title>Harry Potter</title><price>29.99</price></book>\n'
         '  <book><title>Learning XML</title><price>39.95</price></book>\n</bookstore>\n')
DTD = ('<!ELEMENT bookstore (book*)>\n<!ELEMENT book (title, price)>\n'
       '<!ELEMENT title (#PCDATA)>\n<!ELEMENT price (#PCDATA)>\n')


def test_parse_source_file_and_read_it(fourd, tmp_path):
    (tmp_path / "books.xml").write_text(BOOKS, encoding="utf-8")
    result = fourd.run(f'''
        $root:=DOM Parse XML source("{tmp_path / "books.xml"}")
        $ok:=OK
        $found:=DOM Find XML element($root;"book[2]/title")
        var $value : Text
        DOM GET XML ELEMENT VALUE($found;$value)
        $info:=New collection
        For ($i;1;6)
          $info.push(DOM Get XML information($root;$i))
        End for
        DOM CLOSE XML($root)
        return New collection($ok;$value;$info)''').value
    assert result[:2] == [1, "Learning XML"]
    public_id, system_id, doctype, encoding, version, uri = result[2]
    assert (public_id, system_id, doctype, encoding, version) == ("", "books.dtd", "bookstore", "UTF-8", "1.0")
    assert uri.endswith("books.xml")


def test_bare_name_is_beside_the_structure_file(fourd):
    # dom-parse-xml-source.md example 2: "located next to the database structure file"
    (fourd.root / "Project").mkdir(parents=True, exist_ok=True)
    (fourd.root / "Project" / "import.xml").write_text("<a>1</a>", encoding="utf-8")
    assert fourd.value('DOM Count XML elements(DOM Parse XML source("import.xml");"b")') == 0


def test_validation_with_a_dtd_file(fourd, tmp_path):
    (tmp_path / "books.xml").write_text(BOOKS, encoding="utf-8")
    (tmp_path / "books.dtd").write_text(DTD, encoding="utf-8")
    (tmp_path / "bad.xml").write_text(BOOKS.replace("<price>39.95</price>", ""), encoding="utf-8")
    result = fourd.run(f'''
        $root:=DOM Parse XML source("{tmp_path / "books.xml"}";True)
        $codes:=New collection(OK)
        Try
          $root:=DOM Parse XML source("{tmp_path / "bad.xml"}";True;"{tmp_path / "books.dtd"}")
        Catch
          $codes.push(OK;Last errors[0].errCode)
        End try
        return $codes''').value
    assert result == [1, 0, -9911]


def test_parse_variable_text_and_blob(fourd):
    result = fourd.run('''
        var $blob : Blob
        $fromText:=DOM Parse XML variable("<?xml version=\\"1.0\\" encoding=\\"ISO-8859-1\\"?><a>été</a>")
        var $v1 : Text
        DOM GET XML ELEMENT VALUE($fromText;$v1)
        CONVERT FROM TEXT("<?xml version=\\"1.0\\" encoding=\\"ISO-8859-1\\"?><a>été</a>";"ISO-8859-1";$blob)
        $fromBlob:=DOM Parse XML variable($blob)
        var $v2 : Text
        DOM GET XML ELEMENT VALUE($fromBlob;$v2)
        return New collection($v1;$v2)''').value
    assert result == ["été", "été"]


def test_malformed_xml_is_error_9911_and_xml_get_error_describes_it(fourd):
    result = fourd.run('''
        var $root; $text : Text
        var $line; $column : Integer
        Try
          $root:=DOM Parse XML variable("<a>\\n<b></a>")
        Catch
          $code:=Last errors[0].errCode
          $ok:=OK
        End try
        XML GET ERROR($root;$text;$line;$column)
        return New collection($code;$ok;$line;$text)''').value
    code, ok, line, text = result
    assert (code, ok, line) == (-9911, 0, 2)
    assert "mismatch" in text


@pytest.mark.parametrize("document", [
    # billion laughs: entities are not expanded
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><l>&h;</l>',
    # an external entity: never read
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]><l>&x;</l>',
])
def test_hostile_documents_are_not_expanded(fourd, document):
    literal = '"' + document.replace('"', '\\"') + '"'
    fourd.method("hostile", "#DECLARE() : Text\nreturn " + literal)
    # libxml2 refuses an amplification bomb outright (a parse error); else
    # the entity stays unexpanded.
    value = fourd.value('$v', '''
        var $v : Variant
        Try
          $root:=DOM Parse XML variable(hostile)
          DOM GET XML ELEMENT VALUE($root;$v)
        Catch
          $v:=Last errors[0].errCode
        End try''')
    assert value == -9911 or (len(value) < 100 and "root:" not in value)


def test_close_needs_a_root_reference_and_forgets_the_tree(fourd):
    result = fourd.run('''
        $root:=DOM Create XML Ref("r")
        $child:=DOM Create XML element($root;"c")
        $codes:=New collection
        Try
          DOM CLOSE XML($child)
        Catch
          $codes.push(Last errors[0].errCode)
        End try
        DOM CLOSE XML($root)
        Try
          $x:=DOM Create XML element($root;"c")
        Catch
          $codes.push(Last errors[0].errCode)
        End try
        return $codes''').value
    assert result == [-9915, -9915]


def test_references_have_the_form_4d_gives(fourd):
    refs = fourd.value('New collection($a;$b;DOM Create XML element($a;"x"))',
                       '$a:=DOM Create XML Ref("r")\n$b:=DOM Create XML Ref("r")')
    assert all(len(ref) == 32 and ref == ref.upper() and int(ref, 16) for ref in refs)
    assert len(set(refs)) == 3


def test_validation_with_an_xml_schema(fourd, tmp_path):
    (tmp_path / "n.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="n" type="xs:integer"/></xs:schema>',
        encoding="utf-8")
    result = fourd.run(f'''
        $good:=DOM Parse XML variable("<n>12</n>";True;"{tmp_path / "n.xsd"}")
        $out:=New collection(OK)
        Try
          $bad:=DOM Parse XML variable("<n>twelve</n>";True;"{tmp_path / "n.xsd"}")
        Catch
          $out.push(OK;Last errors[0].errCode)
        End try
        return $out''').value
    assert result == [1, 0, -9911]


def test_parsed_cdata_sections_stay_cdata(fourd):
    result = fourd.run('''
        $root:=DOM Parse XML variable(Char(65279)+"<?xml version=\\"1.0\\"?><svg><style><![CDATA[a > b {x:1}]]></style><t>plain</t></svg>")
        $style:=DOM Find XML element($root;"/svg/style")
        ARRAY LONGINT($types;0)
        ARRAY TEXT($values;0)
        DOM GET XML CHILD NODES($style;$types;$values)
        var $t : Text
        XML SET OPTIONS($root;XML indentation;XML no indentation)
        DOM EXPORT TO VAR($root;$t)
        return New collection($types{1};$values{1};$t)''').value
    assert result == [7, "a > b {x:1}", '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>'
                      '<svg><style><![CDATA[a > b {x:1}]]></style><t>plain</t></svg>']


def test_filesystem_paths(fourd):
    # 4D's POSIX paths may start with a filesystem (Concepts/paths.md)
    (fourd.root / "Project").mkdir(parents=True, exist_ok=True)
    (fourd.root / "Resources").mkdir()
    (fourd.root / "Resources" / "data.xml").write_text("<a><b/><b/></a>", encoding="utf-8")
    assert fourd.value('DOM Count XML elements(DOM Parse XML source("/RESOURCES/data.xml");"b")') == 2
