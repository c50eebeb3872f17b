"""Finding and walking: DOM Find XML element (XPath, arrays, 4D's former
relative paths), by ID, children and siblings, DOM Get XML element, DOM
Count XML elements, DOM GET XML CHILD NODES, append/insert/remove."""

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
       '<defs id="d"><rect id="r1" class="bgcontainer x"/></defs>'
       '<g id="g1"><rect id="r2" class="y"/><use xlink:href="#r1"/></g>'
       '<text>Hello<tbreak/>New<tbreak/>York</text></svg>')


def run_on_svg(fourd, source: str):
    fourd.method("doc", "#DECLARE() : Text\nreturn " + '"' + SVG.replace('"', '\\"') + '"')
    return fourd.run("$root:=DOM Parse XML variable(doc)\n" + source).value


def test_xpath_forms_of_the_doc_table(fourd):
    result = run_on_svg(fourd, '''
        ARRAY TEXT($found;0)
        $counts:=New collection
        For each ($path;New collection("//rect";"/svg/g/*";"g/rect[1]";"//rect[contains(@class,'bgcontainer')]";\\
            "//rect[@id=\\"r2\\"]";"//g[rect]";"//use[@xlink:href='#r1']";"//defs | //g";"/svg/g/rect/..";"//text/tbreak[last()]"))
          $first:=DOM Find XML element($root;$path;$found)
          $counts.push(Size of array($found))
        End for each
        return $counts''')
    assert result == [2, 2, 1, 1, 1, 1, 1, 2, 1, 1]


def test_former_relative_paths_start_at_the_context_element(fourd):
    # 4D-SVG: DOM Find XML element($root; "svg/defs") from the svg root
    result = run_on_svg(fourd, '''
        $defs:=DOM Find XML element($root;"svg/defs")
        var $id : Text
        DOM GET XML ATTRIBUTE BY NAME($defs;"id";$id)
        $none:=DOM Find XML element($root;"nothing/here")
        return New collection($id;$none;OK)''')
    assert result == ["d", "0" * 32, 0]


def test_invalid_xpath_is_an_error(fourd):
    result = run_on_svg(fourd, '''
        Try
          $x:=DOM Find XML element($root;"//rect[")
        Catch
          return New collection(OK;Last errors[0].errCode)
        End try''')
    assert result == [0, -9929]


def test_find_by_id_searches_the_whole_document(fourd):
    result = run_on_svg(fourd, '''
        $rect:=DOM Find XML element by ID(DOM Find XML element($root;"/svg/g");"r1")
        var $class : Text
        DOM GET XML ATTRIBUTE BY NAME($rect;"class";$class)
        $none:=DOM Find XML element by ID($root;"zz")
        return New collection($class;OK)''')
    assert result == ["bgcontainer x", 0]


def test_children_siblings_parent_root(fourd):
    result = run_on_svg(fourd, '''
        var $name; $value : Text
        $out:=New collection
        $child:=DOM Get first child XML element($root;$name)
        $out.push($name)
        $child:=DOM Get next sibling XML element($child;$name)
        $out.push($name)
        $last:=DOM Get last child XML element($root;$name;$value)
        $out.push($name;$value)
        $prev:=DOM Get previous sibling XML element($last;$name)
        $out.push($name)
        $parent:=DOM Get parent XML element($prev;$name)
        $out.push($name;DOM Get root XML element($prev)=$root;$parent=$root)
        $end:=DOM Get next sibling XML element($last)
        $out.push(OK;$end)
        return $out''')
    assert result == ["defs", "g", "text", "HelloNewYork", "g", "svg", True, True, 0, "0" * 32]


def test_get_and_count_elements_with_case_option(fourd):
    result = run_on_svg(fourd, '''
        $text:=DOM Find XML element($root;"/svg/text")
        $out:=New collection(DOM Count XML elements($text;"tbreak");DOM Count XML elements($text;"TBREAK"))
        XML SET OPTIONS($root;XML DOM case sensitivity;XML case insensitive)
        $out.push(DOM Count XML elements($text;"TBREAK"))
        var $v : Text
        $second:=DOM Get XML element($text;"TBreak";2;$v)
        $out.push(OK)
        return $out''')
    assert result == [2, 0, 2, 1]


def test_child_nodes_of_mixed_content(fourd):
    # dom-get-xml-child-nodes.md example
    result = run_on_svg(fourd, '''
        $text:=DOM Find XML element($root;"/svg/text")
        ARRAY LONGINT($types;0)
        ARRAY TEXT($values;0)
        DOM GET XML CHILD NODES($text;$types;$values)
        $out:=New collection
        For ($i;1;Size of array($types))
          $out.push($types{$i})
        End for
        return New collection($out;$values{1};$values{3};$values{5};Length($values{2}))''')
    assert result == [[6, 11, 6, 11, 6], "Hello", "New", "York", 32]


def test_append_child_nodes_example_1(fourd):
    result = fourd.run('''
        $root:=DOM Create XML Ref("r")
        $ref:=DOM Create XML element($root;"myElement")
        DOM SET XML ELEMENT VALUE($ref;"Hello")
        $temp:=DOM Create XML element($ref;"br")
        $temp:=DOM Append XML child node($ref;XML DATA;"New")
        $temp:=DOM Create XML element($ref;"br")
        $temp:=DOM Append XML child node($ref;XML DATA;"York")
        $temp:=DOM Append XML child node($ref;XML CDATA;"12 < 18")
        $temp:=DOM Append XML child node($ref;XML comment;"Hello world")
        $temp:=DOM Append XML child node($ref;XML ELEMENT;"<child>simon</child><child>eva</child>")
        $temp:=DOM Append XML child node($ref;XML ELEMENT;"tbreak")
        $doc:=DOM Get XML document ref($root)
        $temp:=DOM Append XML child node($doc;XML processing instruction;"xml-stylesheet type=\\"text/xsl\\" href=\\"style.xsl\\"")
        $temp:=DOM Append XML child node($doc;XML DOCTYPE;"r SYSTEM \\"r.dtd\\"")
        XML SET OPTIONS($root;XML indentation;XML no indentation)
        var $t : Text
        DOM EXPORT TO VAR($root;$t)
        return $t''').value
    assert result == ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?><!DOCTYPE r SYSTEM "r.dtd">'
                      '<?xml-stylesheet type="text/xsl" href="style.xsl"?><r><myElement>Hello<br/>New<br/>York'
                      '<![CDATA[12 < 18]]><!--Hello world--><child>simon</child><child>eva</child><tbreak/>'
                      '</myElement></r>')


def test_append_insert_remove_elements(fourd):
    # dom-insert-xml-element.md example: the two books swapped into a new tree
    result = fourd.run('''
        $source:=DOM Parse XML variable("<BookCatalog><Book><Title>A</Title></Book><Book><Title>B</Title></Book></BookCatalog>")
        $new:=DOM Create XML Ref("BookCatalog")
        $book:=DOM Find XML element($source;"/BookCatalog/Book[1]")
        $e:=DOM Append XML element($new;$book)
        $book:=DOM Find XML element($source;"/BookCatalog/Book[2]")
        $e:=DOM Insert XML element($new;$book;1)
        ARRAY TEXT($titles;0)
        $x:=DOM Find XML element($new;"/BookCatalog/Book/Title";$titles)
        var $first : Text
        DOM GET XML ELEMENT VALUE($titles{1};$first)
        DOM REMOVE XML ELEMENT($titles{1})
        $countSource:=DOM Count XML elements($source;"Book")
        return New collection($first;DOM Count XML elements($new;"Book");$countSource)''').value
    assert result == ["B", 2, 2]


def test_removed_elements_can_still_be_changed(fourd):
    result = fourd.run('''
        $root:=DOM Create XML Ref("r")
        $child:=DOM Create XML element($root;"c")
        DOM REMOVE XML ELEMENT($child)
        $grandchild:=DOM Create XML element($child;"g")
        DOM SET XML ATTRIBUTE($grandchild;"a";"1")
        return New collection(OK;DOM Count XML elements($child;"g");DOM Count XML elements($root;"c"))''').value
    assert result == [1, 1, 0]


def test_find_by_id_sees_changes(fourd):
    result = fourd.run('''
        $root:=DOM Create XML Ref("r")
        $a:=DOM Create XML element($root;"a";"id";"x")
        $first:=DOM Find XML element by ID($root;"x")=$a
        DOM SET XML ATTRIBUTE($a;"id";"y")
        $b:=DOM Create XML element($root;"b";"id";"x")
        return New collection($first;DOM Find XML element by ID($root;"x")=$b;DOM Find XML element by ID($root;"y")=$a)''').value
    assert result == [True, True, True]
