"""``fourd test`` runs tests written in the KyleKincer/testing convention:
classes named ``*Test`` whose ``test_*`` functions receive the testing object
``$t`` (an instance of a ``Testing`` class) and fail when ``$t.failed`` is set;
``// #tags: skip`` skips a test; ``setup``/``beforeEach``/``afterEach``/
``teardown`` run around it. The Testing class below is a minimal one written
for this test (the framework's own is a component of the project using it)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from scratch_project import ScratchProject

TESTING = """\
property failed : Boolean
property assertions : Collection
property logMessages : Collection
property assert : Object
property classInstance : Object

Class constructor()
	This.failed:=False
	This.assertions:=[]
	This.logMessages:=[]
	This.assert:=cs.Assert.new()

Function log($message : Text)
	This.logMessages.push($message)

Function fail($expected : Variant; $actual : Variant; $message : Text)
	This.failed:=True
	This.assertions.push({passed: False; expected: $expected; actual: $actual; message: $message})
"""

ASSERT = """\
Function areEqual($t : Object; $expected : Variant; $actual : Variant; $message : Text)
	If ($expected=$actual)
		$t.assertions.push({passed: True; message: $message})
	Else
		$t.fail($expected; $actual; $message)
	End if
"""

CART_TEST = """\
property items : Collection

Function setup()
	This.items:=[]

Function beforeEach()
	This.items.push("pen")

Function test_one_item($t : cs.Testing)
	$t.assert.areEqual($t; 1; This.items.length; "one item after beforeEach")

Function test_wrong_count($t : cs.Testing)
	$t.log("counting")
	$t.assert.areEqual($t; 5; This.items.length; "five items")

// #tags: unit, skip
Function test_not_ready($t : cs.Testing)
	$t.fail("never run")

Function helper($t : cs.Testing)
	$t.fail("not a test")
"""


@pytest.fixture
def project(tmp_path):
    p = ScratchProject(tmp_path)
    p.cls("Testing", TESTING)
    p.cls("Assert", ASSERT)
    p.cls("CartTest", CART_TEST)
    return p


def test_tests_receive_t_and_fail_through_it(project, fourd_cli, tmp_path):
    report = tmp_path / "junit.xml"
    result = fourd_cli("test", "-v", "--junit-xml", report, cwd=project.root)
    lines = result.stdout.splitlines()
    assert any(line.endswith("CartTest.test_one_item PASSED") for line in lines)
    assert any(line.endswith("CartTest.test_wrong_count FAILED") for line in lines)
    assert any(line.endswith("CartTest.test_not_ready SKIPPED (tagged skip)") for line in lines)
    assert "helper" not in result.stdout
    assert "five items (expected 5.0, got 1.0); counting" in result.stdout
    assert lines[-1] == "1 passed, 1 failed, 1 skipped" and result.returncode == 1
    cases = {c.get("name"): c for c in ET.parse(report).getroot().iter("testcase")}
    assert cases["test_wrong_count"].find("failure") is not None
    assert cases["test_one_item"].find("failure") is None


def test_without_a_testing_class_the_tests_say_why(project, fourd_cli):
    (project.sources / "Classes" / "Testing.4dm").unlink()
    result = fourd_cli("test", cwd=project.root)
    assert "no Testing class was found in the project or its components" in result.stdout


def test_test_prefixed_classes_keep_the_fourd_convention(project, fourd_cli):
    project.cls("TestPlain", """\
        Function test_no_t($t : Variant)
        	ASSERT(Undefined($t)) """)
    result = fourd_cli("test", "-k", "TestPlain", cwd=project.root)
    assert result.stdout.splitlines()[-1] == "1 passed, 0 failed"


def test_the_testing_class_of_a_component(tmp_path, fourd_cli):
    """A project using the framework as a component (namespace Testing) runs
    its tests unchanged: $t comes from cs.Testing.Testing."""
    package = tmp_path / "Host"
    component = ScratchProject(package / "Components" / "testing.4dbase")
    component.cls("Testing", TESTING)
    component.cls("Assert", ASSERT)
    (component.sources / "settings.4DSettings").write_text(
        '<preferences><com.4d><general component_classStore_name="Testing"/></com.4d></preferences>')
    host = ScratchProject(package)
    host.cls("CartTest", CART_TEST)
    result = fourd_cli("test", cwd=package)
    assert result.stdout.splitlines()[-1] == "1 passed, 1 failed, 1 skipped", result.stdout


def test_tests_inside_components_are_not_collected(tmp_path, fourd_cli):
    package = tmp_path / "Host"
    ScratchProject(package / "Components" / "lib.4dbase").method("test_inside", "ASSERT(False)")
    ScratchProject(package).method("test_host", "ASSERT(True)")
    result = fourd_cli("test", cwd=package)
    assert result.stdout.splitlines()[-1] == "1 passed, 0 failed"
