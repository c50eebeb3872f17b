"""The XML theme besides the DOM: XML DECODE (xml-decode.md), XML SET/GET
OPTIONS errors, and the SVG commands that need rendering."""
import pytest


def test_xml_decode_by_variable_type(fourd):
    result = fourd.run('''
        var $real : Real
        var $flag; $flag2 : Boolean
        var $day : Date
        var $time : Time
        var $text : Text
        var $blob : Blob
        XML DECODE("8,5";$real)
        XML DECODE("1";$flag)
        XML DECODE("false";$flag2)
        XML DECODE("2009-10-25T01:03:20";$day)
        XML DECODE("2009-10-25T01:03:20";$time)
        XML DECODE("aGk=";$blob)
        XML DECODE("plain";$text)
        return New collection($real;$flag;$flag2;String($day;ISO date);String($time);\\
            BLOB to text($blob;UTF8 text without length);$text)''').value
    assert result == [8.5, True, False, "2009-10-25T00:00:00", "01:03:20", "hi", "plain"]


def test_options_with_an_empty_reference_are_the_defaults(fourd):
    result = fourd.run('''
        XML SET OPTIONS("";XML indentation;XML no indentation)
        $root:=DOM Create XML Ref("r")
        var $a; $b : Integer
        XML GET OPTIONS("";XML indentation;$a)
        XML GET OPTIONS($root;XML indentation;$b)
        XML SET OPTIONS("";XML indentation;XML with indentation)
        return New collection($a;$b)''').value
    assert result == [2, 2]


@pytest.mark.parametrize("call, code", [
    ('XML SET OPTIONS($root;99;1)', 54),
    ('XML SET OPTIONS($root;XML indentation;7)', 54),
    ('XML SET OPTIONS("";XML external entity resolution;XML enabled)', -10720),
    ('SVG EXPORT TO PICTURE($root;$pict)', -10720),
    ('$id:=SVG Find element ID by coordinates(*;"svg";10;10)', -10720),
])
def test_unavailable_or_wrong_options_are_errors(fourd, call, code):
    assert fourd.value("$code", f'''
        var $pict : Picture
        $root:=DOM Create XML Ref("r")
        Try
          {call}
        Catch
          $code:=Last errors[0].errCode
        End try''') == code
