"""``fourd test --coverage`` / ``--coverage-xml`` / ``--coverage-lcov`` and
``pytest --fourd --fourd-coverage``: on a project whose covered lines are
known, the table, the Cobertura XML and the lcov file say which 4D lines
and methods ran; both files are read back with a parser."""
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

FILES = {
    "Methods/half.4dm": """\
        #DECLARE($n : Integer) : Integer
        var $result : Integer
        If ($n%2=0)
        	$result:=$n/2
        Else
        	$result:=$n*3+1
        End if
        return $result
        """,
    "Methods/unused.4dm": 'ALERT("never")\nALERT("never either")\n',
    "Classes/Counter.4dm": """\
        property count : Integer
        Class constructor()
        	This.count:=0
        Function add($n : Integer)
        	This.count+=$n
        Function reset()
        	This.count:=0
        """,
    "Methods/test_half.4dm": """\
        var $c : cs.Counter
        ASSERT(half(4)=2)
        $c:=cs.Counter.new()
        $c.add(3)
        Case of
        	: ($c.count=1)
        		ALERT("one")
        	: ($c.count=3)
        		$c.add(1)
        End case
        """,
}
#: file -> {4D line: ran?} as the code above runs.
EXPECTED = {
    "Methods/half.4dm": {3: True, 4: True, 6: False, 8: True},
    "Methods/unused.4dm": {1: False, 2: False},
    "Classes/Counter.4dm": {3: True, 5: True, 7: False},
    "Methods/test_half.4dm": {2: True, 3: True, 4: True, 6: True, 7: False, 8: True, 9: True},
}
EXPECTED_METHODS = {"half": True, "unused": False, "Counter.constructor": True, "Counter.add": True,
                    "Counter.reset": False, "test_half": True}


@pytest.fixture
def project(tmp_path):
    sources = tmp_path / "Project" / "Sources"
    for name, text in FILES.items():
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        (sources / name).write_text(textwrap.dedent(text))
    return tmp_path


def fourd(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "fourd", *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def read_lcov(path: Path) -> dict:
    """{file: ({line: hits}, {function: hits})} from an lcov tracefile."""
    records, lines, functions, current = {}, {}, {}, None
    for entry in path.read_text().splitlines():
        tag, _, value = entry.partition(":")
        if tag == "SF":
            current, lines, functions = value, {}, {}
        elif tag == "DA":
            number, hits = value.split(",")[:2]
            lines[int(number)] = int(hits)
        elif tag == "FNDA":
            hits, name = value.split(",", 1)
            functions[name] = int(hits)
        elif entry == "end_of_record":
            records[current] = (lines, functions)
    return records


def test_the_table_the_cobertura_file_and_the_lcov_file(project, tmp_path):
    xml_path, lcov_path = tmp_path / "coverage.xml", tmp_path / "coverage.lcov"
    result = fourd("test", project, "--coverage", "--coverage-xml", xml_path, "--coverage-lcov", lcov_path)
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout.splitlines()
    assert "Methods/half.4dm           4       1    75%      1/1" in table
    assert "Classes/Counter.4dm        3       1    67%      2/3" in table
    assert table[-1] == "TOTAL                     16       5    69%      4/6"

    root = ET.parse(xml_path).getroot()
    assert (root.get("lines-valid"), root.get("lines-covered")) == ("16", "11")
    classes = {c.get("filename"): c for c in root.iter("class")}
    for name, lines in EXPECTED.items():
        shown = {int(line.get("number")): int(line.get("hits")) > 0 for line in classes[name].find("lines")}
        assert shown == lines, name
    methods = {m.get("name"): float(m.get("line-rate")) > 0 for c in classes.values() for m in c.iter("method")}
    assert methods == EXPECTED_METHODS

    records = read_lcov(lcov_path)
    sources = project / "Project" / "Sources"
    for name, lines in EXPECTED.items():
        found, _ = records[str((sources / name).resolve())]
        assert {number: hits > 0 for number, hits in found.items()} == lines, name
    functions = {name: hits > 0 for _, named in records.values() for name, hits in named.items()}
    assert functions == EXPECTED_METHODS


def test_pytest_fourd_reports_the_same(project, tmp_path):
    lcov_path = tmp_path / "pytest.lcov"
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--fourd", str(project),
                             "--fourd-coverage", "--fourd-coverage-lcov", str(lcov_path), "-q"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4D coverage" in result.stdout
    assert "TOTAL                     16       5    69%      4/6" in result.stdout
    records = read_lcov(lcov_path)
    found, _ = records[str((project / "Project" / "Sources" / "Methods/half.4dm").resolve())]
    assert {number: hits > 0 for number, hits in found.items()} == EXPECTED["Methods/half.4dm"]


def test_without_coverage_options_nothing_is_traced(project):
    result = fourd("test", project)
    assert result.returncode == 0 and "TOTAL" not in result.stdout
