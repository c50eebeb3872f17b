"""Methods that read or write database fields still load and run: only the
statement that needs the database fails, with a 4D error naming the field
(fourd has no database)."""
from fourd.runtime.errors import Codes


def test_a_method_mentioning_fields_runs_its_other_statements(fourd):
    assert fourd.value("$done", """
        If (False)
            [People]Name:="Ada"
            $p:=->[People]Name
            [People]Age+=1
            ALL RECORDS([People])
        End if
        $done:=True""") is True


def test_the_statement_using_a_field_is_a_catchable_error(fourd):
    assert fourd.value("[$caught; Last errors[0].message]", """
        Try
            [People]Name:="Ada"
        Catch
            $caught:=True
        End try""") == [True, "the database field [People]Name is not supported by fourd"]


def test_pointer_to_a_field_and_a_table(fourd):
    assert fourd.error("$p:=->[People]Name").code == Codes.UNSUPPORTED_COMMAND
    assert "[People]" in fourd.error("$t:=->[People:1]").message
