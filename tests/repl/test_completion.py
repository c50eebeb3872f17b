"""Tab completion (fourd.repl.completion) and 4D colours (fourd.repl.highlight).

Names come from the session (locals), the project (cs.: Concepts/classes.md;
methods), the catalog of 4D commands and constants (the commands/ pages),
and the values variables hold (object properties, class functions,
members of built-in classes such as API/CollectionClass.md).
"""
from pathlib import Path

import pytest
from pygments.token import Comment, Keyword, Name, Number, String

from fourd.repl.completion import complete
from fourd.repl.highlight import FourDLexer
from fourd.repl.session import Session

PROJECT = Path(__file__).parent / "project"


@pytest.fixture(scope="module")
def session():
    session = Session(PROJECT)
    session.run('$person:=New object("name"; "Ada"; "address"; New object("city"; "Paris"))')
    session.run('$people:=New collection()')
    session.run('$ada:=cs.Person.new("Ada")')
    return session


def test_local_variables(session):
    assert complete(session, "$pe") == ("$pe", ["$people", "$person"])
    assert complete(session, "ALERT($per") == ("$per", ["$person"])


def test_project_classes_after_cs(session):
    assert complete(session, "cs.") == ("", ["EchoConnection", "EchoServer", "Person"])
    assert complete(session, "$x:=cs.Pe") == ("Pe", ["Person"])


def test_object_properties_of_a_variable(session):
    assert complete(session, "$person.") == ("", ["address", "name"])
    assert complete(session, "$person.address.c") == ("c", ["city"])
    assert complete(session, "$person.nothing.") == ("", [])


def test_class_functions_of_an_instance(session):
    assert complete(session, "$ada.gr") == ("gr", ["greeting"])


def test_members_of_built_in_values(session):
    fragment, names = complete(session, "$people.fi")
    assert fragment == "fi" and {"filter", "find", "findIndex"} <= set(names)


def test_command_names_ignore_case_and_may_hold_spaces(session):
    assert complete(session, "$o:=New ob") == ("New ob", ["New object"])
    fragment, names = complete(session, "alert")
    assert fragment == "alert" and "ALERT" in names


def test_methods_process_variables_keywords_and_types(session):
    session.run("visitCount:=2")
    assert complete(session, "visitC") == ("visitC", ["visitcount"])   # stored lower-case
    assert "double" in complete(session, "dou")[1]
    assert "End for each" in complete(session, "End for e")[1]
    assert "Integer" in complete(session, "var $n : Inte")[1]


def test_nothing_to_complete(session):
    assert complete(session, "") == ("", [])
    assert complete(session, "1+") == ("", [])


def test_highlighting_marks_4d_tokens():
    tokens = [(kind, text) for kind, text in FourDLexer().get_tokens(
        'If ($x>1)  // big\n  ALERT("big "+String(!2024-01-31!))\nEnd if') if text.strip()]
    assert (Keyword, "If") in tokens
    assert (Name.Variable, "$x") in tokens
    assert (Comment.Single, "// big") in tokens
    assert (Name.Builtin, "ALERT") in tokens
    assert (String, '"big "') in tokens
    assert (Number.Other, "!2024-01-31!") in tokens
    assert (Keyword, "End if") in tokens


def test_members_after_an_element_of_a_collection(session):
    session.run('$team:=New collection(New object("lead"; New object("city"; "Oslo")))')
    assert complete(session, "$team[0].") == ("", ["lead"])
    assert complete(session, "$team[ 0 ].lead.c") == ("c", ["city"])
    assert complete(session, "$team[3].") == ("", [])


def test_built_in_classes_after_4d(session):
    fragment, names = complete(session, "$l:=4D.TCP")
    assert fragment == "TCP" and names == ["TCPConnection", "TCPEvent", "TCPListener"]


def test_this_offers_the_members_of_the_project_classes(session):
    assert complete(session, "This.gre") == ("gre", ["greeting"])
