"""The wheel is what users install: it must carry the grammar and the catalog data."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_grammar_and_catalog(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, timeout=300,
                   capture_output=True)
    wheel = next(tmp_path.glob("fourd-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "fourd/grammar/fourd.lark" in names
    assert "fourd/syntax/data/commands.tsv" in names
    assert "fourd/syntax/data/constants.tsv" in names
    for package in sorted(ROOT.glob("fourd/*/__init__.py")):
        assert f"fourd/{package.parent.name}/__init__.py" in names


def test_source_checkout_finds_the_grammar_beside_the_package():
    from fourd.syntax.parser import grammar_text
    assert grammar_text() == (ROOT / "grammar" / "fourd.lark").read_text()
