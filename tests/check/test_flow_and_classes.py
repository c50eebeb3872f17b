"""Unreachable code after return/break/continue, and Class extends cycles."""
from .project_files import diagnostics


def test_code_after_return_is_unreachable(tmp_path):
    found = diagnostics(tmp_path, "unreachable", methods={"main": """
        #DECLARE() : Integer
        For ($i; 1; 3)
        	If ($i=2)
        		break
        		ALERT("never")
        	End if
        End for
        return 1
        ALERT("never either")
        ALERT("nor this")
        """})
    assert found == [("main", 5, 3, "warning", "unreachable code after break (line 4)"),
                     ("main", 9, 1, "warning", "unreachable code after return (line 8)")]


def test_class_cycles_are_named(tmp_path):
    found = diagnostics(tmp_path, "class-cycle", classes={
        "Alpha": "Class extends Gamma\n", "Beta": "Class extends Alpha\n", "Gamma": "Class extends cs.Beta\n",
        "Self": "Class extends Self\n", "Fine": "Class extends Alpha\n"})
    assert found == [
        ("Alpha", 1, 15, "error", "class cycle: cs.Alpha extends cs.Gamma extends cs.Beta extends cs.Alpha"),
        ("Self", 1, 15, "error", "class cycle: cs.Self extends cs.Self"),
    ]
