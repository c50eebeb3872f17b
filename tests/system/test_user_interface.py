"""User-interface commands headless: one catchable 4D error each, naming the
command and its theme; the documented headless results of Form, Form event
code and Current form table; MESSAGES OFF/ON accepted."""
from __future__ import annotations

from commands.command_calls import raises_code, run
from system_helpers import alerts

from fourd.commands import registry
from fourd.commands.user_interface import NOT_HEADLESS, THEMES, commands_of
from fourd.syntax import catalog


def test_every_listed_command_is_in_the_catalog_and_registered_here_once():
    names = [name for theme in THEMES for name in commands_of(theme)]
    assert len(names) == len(set(names)) > 400
    registry.load_all()
    for name in names:
        assert catalog.command_by_name(name) is not None, name
        assert registry.COMMANDS[name.lower()].func.__module__ == "fourd.commands.user_interface", name


def test_calling_one_is_a_clear_error():
    error = raises_code(NOT_HEADLESS, "Open window", 10, 10, 200, 200)
    assert str(error) == f"Error {NOT_HEADLESS}: Open window is not available headless: " \
                         "fourd has no user interface (Windows commands)"


def test_documented_headless_results():
    assert run("Form") is None
    assert run("Form event code") == 0
    assert run("Is nil pointer", run("Current form table")) is True


def test_code_that_mentions_them_loads_and_runs(tmp_path):
    assert alerts(tmp_path, """
        MESSAGES OFF
        If (False)
            DIALOG("Input"; Form)
            OBJECT SET VISIBLE(*; "button"; False)
            $win:=Open form window("Input")
        End if
        If (Form=Null)
            ALERT("no form "+String(Form event code))
        End if
        Try
            CONFIRM("Sure?")
        Catch
            ALERT(Last errors[0].message)
        End try
        MESSAGES ON
    """) == ["no form 0", "CONFIRM is not available headless: fourd has no user interface (Messages commands)"]
