"""The parser's LALR tables are kept in fourd's cache folder (fourd.cache),
like compiled code: ``FOURD_CACHE_DIR`` chooses it, an empty value turns it off."""
import os
import subprocess
import sys

PARSE = "from fourd.syntax.parser import parse; parse('$a:=1')"


def parse_in_a_new_python(cache_dir: str, tmp_path) -> None:
    env = dict(os.environ, FOURD_CACHE_DIR=cache_dir, TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-c", PARSE], env=env, check=True, timeout=120)


def test_the_grammar_tables_are_cached_in_the_cache_folder(tmp_path):
    folder = tmp_path / "cache"
    parse_in_a_new_python(str(folder), tmp_path)
    assert [p.name.startswith("grammar-") for p in folder.iterdir()] == [True]


def test_an_empty_cache_dir_keeps_no_tables_anywhere(tmp_path):
    parse_in_a_new_python("", tmp_path)
    assert list((tmp_path / "tmp").iterdir()) == []
