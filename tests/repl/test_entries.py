"""When an entry is complete, meta commands, block indentation (fourd.repl.entries).

4D statements end with their line (Concepts/quick-tour.md); a block runs
from its opening keyword to its End line (Concepts/cf_branching.md,
cf_looping.md, error-handling.md for Try, shared.md for Use); ``\\`` at
the end of a line continues the statement.
"""
import pytest

from fourd.repl.entries import indent_lines, meta_command, needs_more


@pytest.mark.parametrize("text", [
    "If (True)",
    "If ($x>1)\n  ALERT(\"big\")",
    "If (True)\nElse",
    "Case of\n: ($x=1)",
    "For ($i; 1; 3)",
    "For each ($item; $items)",
    "While ($i<3)\n  $i+=1",
    "Repeat\n  $i+=1",
    "Try\n  $x:=1\\0\nCatch",
    "Use ($shared)",
    "If (True)\n  For ($i; 1; 2)\n  End for",
    "$total:=1+\\",
    "$total:=1+\\  // continued",
    "/* a comment\nstill open",
])
def test_open_block_or_continuation_waits_for_more(text):
    assert needs_more(text)


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "1+1",
    "$x:=5",
    "If (True)\n  ALERT(\"yes\")\nEnd if",
    "Case of\n: ($x=1)\n  $y:=2\nElse\n  $y:=3\nEnd case",
    "Repeat\n  $i+=1\nUntil ($i>3)",
    "Try\n  $x:=1\\0\nCatch\n  $e:=Last errors\nEnd try",
    "$x:=(1+",                  # 4D statements end at the end of the line: an error now
    "If (True)\n  $x:=(1+",       # ... also inside a block
    '"not closed',
    "End if",                   # a closing line alone is an error, not a wait
    "// just a comment \\",
])
def test_complete_entries_run_at_once(text):
    assert not needs_more(text)


def test_meta_commands_take_a_prefix_and_an_argument():
    assert meta_command(".help") == ("help", "")
    assert meta_command("  .load  my file.4dm ") == ("load", "my file.4dm")
    assert meta_command(".VARS") == ("vars", "")


@pytest.mark.parametrize("text", [".5+1", "$x.name", "ALERT(\".help\")"])
def test_code_is_not_a_meta_command(text):
    assert meta_command(text) is None


def test_indentation_after_an_opening_line():
    assert indent_lines("If (True)") == ("If (True)", "  ")
    assert indent_lines("For each ($v; $c)") == ("For each ($v; $c)", "  ")


def test_closing_lines_move_out():
    assert indent_lines("If (True)\n  $x:=1\n  End if") == ("End if", "")
    assert indent_lines("If (True)\n  $x:=1\n  Else") == ("Else", "  ")
    assert indent_lines("Repeat\n  $i+=1\n  Until ($i>3)") == ("Until ($i>3)", "")


def test_case_branches_are_one_level_inside_case_of():
    assert indent_lines("Case of\n  : ($a)") == ("  : ($a)", "    ")
    assert indent_lines("Case of\n  : ($a)\n    $x:=1\n    : ($b)") == ("  : ($b)", "    ")
    assert indent_lines("Case of\n  : ($a)\n    $x:=1\n    End case") == ("End case", "")


def test_indentation_typed_by_hand_is_not_added_to_the_blocks_own():
    assert indent_lines("If (True)\n      $x:=1") == ("  $x:=1", "  ")
    assert indent_lines("If (True)\n  If ($a)\n        $x:=1\n    End if") == ("  End if", "  ")
