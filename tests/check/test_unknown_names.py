"""Unknown commands, methods, constants and classes, with a suggestion from
the catalog (4D's command and constant names) and from the project."""
from .project_files import diagnostics


def test_misspelt_commands_are_errors_with_a_suggestion(tmp_path):
    found = diagnostics(tmp_path, "unknown-command", methods={"main": """
        ALERTT("x")
        $n:=Lenght("abc")
        $t:=Replace strng("a"; "b"; "c")
        ALERT("fine")
        """})
    assert found == [
        ("main", 1, 1, "error", "unknown command or method 'ALERTT'; did you mean 'ALERT'?"),
        ("main", 2, 5, "error", "unknown command or method 'Lenght'; did you mean 'Length'?"),
        ("main", 3, 5, "error", "unknown command or method 'Replace strng'; did you mean 'Replace string'?"),
    ]


def test_project_methods_are_known_and_suggested(tmp_path):
    found = diagnostics(tmp_path, "unknown-command", methods={
        "computeTotal": "#DECLARE() : Real\nreturn 1\n",
        "main": "$a:=computeTotal\n$b:=computeTotal()\n$c:=computeTotl()\n"})
    assert found == [("main", 3, 5, "error", "unknown command or method 'computeTotl'; did you mean 'computeTotal'?")]


def test_commands_fourd_does_not_implement_are_not_unknown(tmp_path):
    # WP New is a 4D command (catalog) that fourd does not implement.
    assert diagnostics(tmp_path, "unknown-command", methods={"main": "$d:=WP New()\n"}) == []


def test_tokenized_names_are_known(tmp_path):
    assert diagnostics(tmp_path, None, methods={"main": "$x:=Unknown thing:C99999\n$y:=Is object:K8:27\n"}) == []


def test_a_misspelt_constant_is_an_error_unknown_variables_are_not(tmp_path):
    found = diagnostics(tmp_path, "unknown-name", methods={"main": """
        var $t : Integer
        $t:=Is objectt
        $t:=Is object
        $u:=someProcessVariable
        someProcessVariable:=2
        $v:=Error method
        """})
    assert found == [("main", 2, 5, "error",
                      "unknown name 'Is objectt' (not a constant, command, method or variable of the project); "
                      "did you mean 'Is object'?")]


def test_unknown_classes(tmp_path):
    found = diagnostics(tmp_path, "unknown-class", classes={"Person": "property name : Text\n"}, methods={"main": """
        var $p : cs.Persn
        $q:=cs.Person.new()
        $r:=cs.Persom.new()
        $b:=4D.Blob.new()
        $f:=4D.Fille.new()
        """})
    assert found == [
        ("main", 1, 10, "error", "unknown class 'cs.Persn'; did you mean 'Person'?"),
        ("main", 3, 5, "error", "unknown class 'cs.Persom'; did you mean 'Person'?"),
        ("main", 5, 5, "error", "unknown 4D class '4D.Fille'; did you mean 'File'?"),
    ]


def test_unknown_functions_of_a_project_class(tmp_path):
    found = diagnostics(tmp_path, "unknown-function", classes={
        "Animal": "Function speak() : Text\n\treturn \"...\"\n",
        "Dog": "Class extends Animal\nproperty name : Text\nFunction fetch()\n\tThis.speak()\n\tThis.bark()\n",
    }, methods={"main": """
        var $d : cs.Dog
        $d:=cs.Dog.new()
        $d.fetch()
        $d.speak()
        $d.fech()
        cs.Dog.new().speek()
        """})
    assert found == [
        ("Dog", 5, 2, "error", "cs.Dog has no function 'bark'"),
        ("main", 5, 1, "error", "cs.Dog has no function 'fech'; did you mean 'fetch'?"),
        ("main", 6, 1, "error", "cs.Dog has no function 'speek'; did you mean 'speak'?"),
    ]


def test_a_class_whose_members_are_added_by_name_is_not_judged(tmp_path):
    assert diagnostics(tmp_path, "unknown-function", classes={
        "Bag": "Class constructor\n\tThis[\"go\"]:=Formula(1)\nFunction run()\n\tThis.go()\n"}) == []
