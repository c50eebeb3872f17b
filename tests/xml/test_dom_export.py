"""Writing trees: DOM EXPORT TO VAR (Text, Blob) and TO FILE, DOM SET XML
DECLARATION, the writer options of XML SET OPTIONS, byte for byte."""


def export(fourd, setup: str, target: str = "$t", declare: str = "var $t : Text"):
    return fourd.run(f'''
        {declare}
        $root:=DOM Create XML Ref("svg";"http://www.w3.org/2000/svg")
        DOM SET XML ATTRIBUTE($root;"xmlns:xlink";"http://www.w3.org/1999/xlink")
        $g:=DOM Create XML element($root;"g";"id";"g1")
        $r:=DOM Create XML element($g;"rect";"width";10;"height";5)
        $t:=DOM Create XML element($root;"text")
        DOM SET XML ELEMENT VALUE($t;"a < b & c > d")
        {setup}
        DOM EXPORT TO VAR($root;{target})
        return {target}''').raw


def test_default_export_is_indented_like_4d(fourd):
    # The shape of 4D-SVG's TESTS/arc.svg (written by 4D): an empty line
    # around the root's children, two spaces per level, sorted attributes.
    assert export(fourd, "") == (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n\n'
        '  <g id="g1">\n'
        '    <rect height="5" width="10"/>\n'
        '  </g>\n\n'
        '  <text>a &lt; b &amp; c &gt; d</text>\n\n'
        '</svg>\n')


def test_declaration_line_endings_and_bom(fourd):
    out = export(fourd, '''
        DOM SET XML DECLARATION($root;"ISO-8859-1";True)
        XML SET OPTIONS($root;XML line ending;XML CRLF;XML BOM;XML enabled)
        DOM SET XML ELEMENT VALUE($t;"été €")''', "$b", "var $b : Blob")
    assert isinstance(out, bytearray)
    data = bytes(out)
    assert data.startswith(b'<?xml version="1.0" encoding="ISO-8859-1" standalone="yes" ?>\r\n<svg')
    assert b"<text>\xe9t\xe9 &#x20AC;</text>\r\n\r\n</svg>\r\n" in data   # no BOM outside UTF
    utf8 = bytes(export(fourd, 'XML SET OPTIONS($root;XML BOM;XML enabled)', "$b", "var $b : Blob"))
    assert utf8.startswith(b"\xef\xbb\xbf<?xml")


def test_no_indentation(fourd):
    assert export(fourd, "XML SET OPTIONS($root;XML indentation;XML no indentation)") == (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<g id="g1"><rect height="5" width="10"/></g><text>a &lt; b &amp; c &gt; d</text></svg>')


def test_parsed_document_round_trip_does_not_grow(fourd, tmp_path):
    source = ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n<a>\n\n  <b>x</b>\n\n'
              '  <c>\n    <d/>\n  </c>\n\n</a>\n')
    (tmp_path / "in.xml").write_text(source, encoding="utf-8")
    fourd.run(f'''
        $root:=DOM Parse XML source("{tmp_path / "in.xml"}")
        DOM EXPORT TO FILE($root;"{tmp_path / "out.xml"}")''')
    assert (tmp_path / "out.xml").read_text(encoding="utf-8") == source


def test_writer_options_for_values(fourd):
    result = fourd.run('''
        $root:=DOM Create XML Ref("r")
        var $blob : Blob
        TEXT TO BLOB("hi";$blob;UTF8 text without length)
        DOM SET XML ATTRIBUTE($root;"d";!2003-01-01!;"t";?02:00:46?;"b";$blob)
        XML SET OPTIONS($root;XML date encoding;XML datetime UTC;XML time encoding;XML duration;\\
            XML binary encoding;XML data URI scheme)
        DOM SET XML ATTRIBUTE($root;"d2";!2003-01-01!;"t2";?02:00:46?;"b2";$blob)
        XML SET OPTIONS($root;XML time encoding;XML seconds;XML string encoding;XML raw data)
        DOM SET XML ATTRIBUTE($root;"t3";?02:00:46?)
        DOM SET XML ELEMENT VALUE($root;"<x>1</x>tail")
        var $value : Integer
        XML GET OPTIONS($root;XML time encoding;$value)
        var $t : Text
        XML SET OPTIONS($root;XML indentation;XML no indentation)
        DOM EXPORT TO VAR($root;$t)
        return New collection($t;$value)''').value
    assert result == ['<?xml version="1.0" encoding="UTF-8" standalone="no" ?><r b="aGk=" b2="data:;base64,aGk=" '
                      'd="2003-01-01" d2="2003-01-01T00:00:00Z" t="0000-00-00T02:00:46" t2="PT02H00M46S" '
                      't3="7246"><x>1</x>tail</r>', 7]
