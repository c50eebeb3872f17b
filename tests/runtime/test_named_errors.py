"""Runtime errors name what they are about: an Undefined local that made an
operation fail, and a project method that does not exist (as written, with
the closest method's name)."""
import subprocess
import sys


def run(tmp_path, method_source, **methods):
    folder = tmp_path / "Methods"
    folder.mkdir()
    for name, text in methods.items():
        (folder / f"{name}.4dm").write_text(text)
    main = folder / "main.4dm"
    main.write_text(method_source)
    return subprocess.run([sys.executable, "-m", "fourd", "run", str(main)], capture_output=True, text=True,
                          timeout=60)


def test_an_undefined_local_is_named(tmp_path):
    result = run(tmp_path, "$x:=1\n$y:=$undeclared+$x\n")
    assert result.returncode == 1
    assert "This operation is not compatible with the two arguments. ($undeclared is Undefined)" in result.stderr
    assert "main.4dm:2" in result.stderr


def test_a_defined_local_is_not_blamed(tmp_path):
    result = run(tmp_path, '$x:=1\n$y:=$x+New object()\n')
    assert result.returncode == 1
    assert "not compatible with the two arguments." in result.stderr and "Undefined" not in result.stderr


def test_an_unknown_method_is_named_as_written_with_a_suggestion(tmp_path):
    result = run(tmp_path, "computeTotl(1)\n", computeTotal="#DECLARE($n : Integer)\n")
    assert result.returncode == 1
    assert "The method 'computeTotl' does not exist; did you mean 'computeTotal'?" in result.stderr
