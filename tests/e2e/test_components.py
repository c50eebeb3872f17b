"""Components end to end (Project/components.md, Extensions/develop-components.md):
a host project loads interpreted components from its Components folder and
from dependencies.json (next to the project, or where environment4d.json
says); their classes are under cs.<namespace>, their shared methods are
callable by the host, the rest stays private, and variables are separate."""
import subprocess
import sys
import textwrap

import pytest

SETTINGS = """<?xml version="1.0" encoding="UTF-8"?><preferences stamp="1">
<com.4d><general component_classStore_name="{namespace}"/></com.4d></preferences>"""


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def component(folder, namespace=None, methods=None, classes=None):
    sources = folder / "Project" / "Sources"
    if namespace:
        write(sources / "settings.4DSettings", SETTINGS.format(namespace=namespace))
    for name, text in (methods or {}).items():
        write(sources / "Methods" / f"{name}.4dm", text)
    for name, text in (classes or {}).items():
        write(sources / "Classes" / f"{name}.4dm", text)
    return folder


def run(host, method="main"):
    done = subprocess.run([sys.executable, "-m", "fourd", "run", str(host), "-m", method],
                          capture_output=True, text=True, timeout=60)
    return done.stdout.splitlines(), done.stderr


@pytest.fixture
def host(tmp_path):
    """Host/ with Components/Geometry.4dbase (namespace geo) and a
    dependencies.json naming Text (a folder next to Host/)."""
    root = tmp_path / "Host"
    component(root / "Components" / "Geometry.4dbase", "geo", methods={
        "geo_area": """
            //%attributes = {"shared":true}
            #DECLARE($w : Real; $h : Real) : Real
            counter:=Num(counter)+1
            return cs.Rectangle.new($w; $h).area()""",
        "geo_private": "return 1",
        "geo_counter": """
            //%attributes = {"shared":true}
            return counter""",
        "geo_calls_host": """
            //%attributes = {"shared":true}
            return host_only()""",
    }, classes={
        "Rectangle": """
            property w; h : Real
            Class constructor($w : Real; $h : Real)
                This.w:=$w
                This.h:=$h
            Function area() : Real
                return This.w*This.h""",
    })
    component(tmp_path / "Text", "txt", methods={
        "txt_shout": """
            //%attributes = {"shared":true}
            #DECLARE($t : Text) : Text
            return Uppercase($t)+"!"  """,
    }, classes={
        "Joiner": """
            Function join($c : Collection) : Text
                return $c.join("+")""",
    })
    write(root / "Project" / "Sources" / "dependencies.json", '{"dependencies": {"Text": {}}}')
    write(root / "Project" / "Sources" / "Methods" / "host_only.4dm", 'return "host"')
    return root


def test_namespaced_classes_and_shared_methods(host):
    write(host / "Project" / "Sources" / "Methods" / "main.4dm", """
        ALERT(String(cs.geo.Rectangle.new(2; 3).area()))
        ALERT(String(geo_area(4; 5)))
        ALERT(txt_shout("hi"))
        ALERT(cs.txt.Joiner.new().join(["a"; "b"]))
        ALERT(String(Undefined(cs.Rectangle)))""")
    out, err = run(host)
    assert out == ["6", "20", "HI!", "a+b", "True"], err


def test_unshared_methods_stay_private(host):
    write(host / "Project" / "Sources" / "Methods" / "main.4dm", "$x:=geo_private()")
    out, err = run(host)
    assert "The method 'geo_private' does not exist" in err


def test_a_component_cannot_call_host_methods(host):
    write(host / "Project" / "Sources" / "Methods" / "main.4dm", "ALERT(geo_calls_host)")
    _, err = run(host)
    assert "The method 'host_only' does not exist" in err


def test_process_variables_are_separate(host):
    write(host / "Project" / "Sources" / "Methods" / "main.4dm", """
        counter:=100
        $a:=geo_area(1; 1)
        $a:=geo_area(1; 1)
        ALERT(String(counter)+" "+String(geo_counter))""")
    out, err = run(host)
    assert out == ["100 2"], err


def test_a_host_class_named_like_a_namespace_wins(host):
    write(host / "Project" / "Sources" / "Classes" / "geo.4dm", "property kind : Text")
    write(host / "Project" / "Sources" / "Methods" / "main.4dm", "ALERT(cs.geo.name)")
    out, err = run(host)
    assert out == ["geo"], err


def test_environment4d_json_gives_the_path(host, tmp_path):
    moved = tmp_path / "elsewhere" / "TextComponent"
    moved.parent.mkdir()
    (tmp_path / "Text").rename(moved)
    write(tmp_path / "environment4d.json", '{"dependencies": {"Text": "elsewhere/TextComponent"}}')
    write(host / "Project" / "Sources" / "Methods" / "main.4dm", 'ALERT(txt_shout("ok"))')
    out, err = run(host)
    assert out == ["OK!"], err


def test_components_folder_comes_first(host, tmp_path):
    component(host / "Components" / "Text.4dbase", "txt", methods={
        "txt_shout": """
            //%attributes = {"shared":true}
            return "from Components" """})
    write(host / "Project" / "Sources" / "Methods" / "main.4dm", 'ALERT(txt_shout("x"))')
    out, err = run(host)
    assert out == ["from Components"], err
