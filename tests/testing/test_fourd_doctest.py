"""``fourd doctest`` (docs/TESTING.md, "fourd doctest"): ```4d blocks of
Markdown, parse check, ``--run`` with ```output blocks, exclusions.

fixtures/examples.md holds 9 blocks: two that pass, one whose output
differs, a syntax error, a failed ASSERT (assert.md), three not runnable
(a class function, an unknown method, a variable of another example) and
one that skips itself.
"""
from __future__ import annotations

from pathlib import Path

from fourd.testing.doctest import DEFAULT_EXCLUSIONS, code_blocks, load_exclusions

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = FIXTURES / "examples.md"
ROOT = Path(__file__).resolve().parents[2]


def test_blocks_are_the_4d_fences_with_their_line_and_output():
    blocks = code_blocks(EXAMPLES)
    assert [b.line for b in blocks] == [5, 17, 35, 45, 52, 60, 65, 69, 75]
    first, listed, differs = blocks[:3]
    assert first.code == 'ALERT("Hello, "+Uppercase("world"))' and first.expected == "Hello, WORLD"
    # ~~~4D in a list item: the info string ignores case, the item's indentation is removed.
    assert listed.code == "var $n : Integer\n$n:=7\\2\nASSERT($n=3)" and listed.expected is None
    assert differs.expected == "7"
    assert all("print(" not in b.code and "If (" not in b.code for b in blocks)   # python, js


def test_a_block_keeps_the_line_numbers_of_the_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("text\n\n  ```4d title=example\n  ALERT(1)\n  ```\n\n````4d\n```\n````\n")
    blocks = code_blocks(page)
    assert [(b.line, b.code) for b in blocks] == [(3, "ALERT(1)"), (7, "```")]
    assert blocks[0].source.splitlines()[3] == "ALERT(1)"     # line 4 of the file


def test_parse_check_reports_file_line_and_percentage(fourd_cli):
    result = fourd_cli("doctest", "examples.md", cwd=FIXTURES)
    assert result.stdout.startswith("examples.md:47:9: error: '(' opened at line 47")
    assert result.stdout.splitlines()[-1] == "8 of 9 blocks parse (88.9%)"
    assert result.returncode == 1


def test_run_checks_output_errors_and_counts_not_runnable_blocks(fourd_cli):
    result = fourd_cli("doctest", "--run", "-v", "examples.md", cwd=FIXTURES)
    out = result.stdout
    assert "examples.md:5: passed" in out and "examples.md:17: passed" in out
    assert ("examples.md:35: the output differs from the ```output block\n"
            "expected:\n    7\ngot:\n    9") in out
    assert ("examples.md:55: in code block: Error -10518 (4DRT): Assert failed: two items, not three\n"
            '    ASSERT($c.length=3; "two items, not three")') in out
    assert "examples.md:60: not runnable (defines a class)" in out
    assert "examples.md:65: not runnable (examples.md:66: in code block: Error -10719 (4DRT)" in out
    assert "examples.md:69: not runnable (uses $fromAnotherExample, which it does not set" in out
    assert "examples.md:75: skipped (shown, not run)" in out
    assert out.splitlines()[-2:] == ["8 of 9 blocks parse (88.9%)",
                                     "8 blocks run: 2 passed, 2 failed, 3 not runnable, 1 skipped"]
    assert result.returncode == 1


def test_a_block_with_output_must_run(fourd_main, tmp_path):
    (tmp_path / "page.md").write_text("```4d\nunknownMethod(1)\n```\n\n```output\nx\n```\n")
    result = fourd_main("doctest", "--run", "page.md", cwd=tmp_path)
    assert "page.md:1: has an ```output block but is not runnable" in result.stdout
    assert result.returncode == 1


def test_exclusions_leave_blocks_out_or_mark_known_bugs(fourd_main, tmp_path):
    listing = tmp_path / "exclusions.txt"
    listing.write_text("# comment\nfixtures/examples.md:45  not-4d: a fragment\n")
    result = fourd_main("doctest", "--exclusions", listing, "examples.md", cwd=FIXTURES)
    assert result.stdout.splitlines() == ["8 of 8 blocks parse (100.0%)",
                                          "1 blocks excluded (not 4D code), 0 known parser bugs"]
    assert result.returncode == 0
    listing.write_text("examples.md:45  parser-bug: a bug\n")
    result = fourd_main("doctest", "--exclusions", listing, "examples.md", cwd=FIXTURES)
    assert result.stdout.splitlines() == ["8 of 9 blocks parse (88.9%)",
                                          "0 blocks excluded (not 4D code), 1 known parser bugs"]
    assert result.returncode == 0


def test_no_run_exclusion_parses_but_does_not_run(fourd_main, tmp_path):
    listing = tmp_path / "exclusions.txt"
    listing.write_text("examples.md:52  no-run: fails on purpose\n")
    result = fourd_main("doctest", "--run", "-v", "--exclusions", listing, "examples.md", cwd=FIXTURES)
    assert "examples.md:52: not runnable (fails on purpose)" in result.stdout
    assert "8 of 9 blocks parse (88.9%)" in result.stdout


def test_stale_exclusions_are_reported(fourd_main, tmp_path):
    listing = tmp_path / "exclusions.txt"
    listing.write_text("examples.md:5  parser-bug: fixed since\nexamples.md:3  not-4d: no block here\n")
    out = fourd_main("doctest", "--exclusions", listing, "examples.md", cwd=FIXTURES).stdout
    assert "stale exclusion examples.md:5: the block parses now" in out
    assert "stale exclusion examples.md:3: no such 4d block" in out


def test_a_malformed_exclusions_file_is_a_usage_error(fourd_main, tmp_path):
    listing = tmp_path / "exclusions.txt"
    listing.write_text("examples.md:5 because\n")
    result = fourd_main("doctest", "--exclusions", listing, "examples.md", cwd=FIXTURES)
    assert result.returncode == 2 and "exclusions.txt:1: expected" in result.stderr
    assert "Traceback" not in result.stderr


def test_fourds_list_of_exclusions_loads_and_gives_reasons():
    entries = load_exclusions(DEFAULT_EXCLUSIONS)
    assert entries and all(e.reason for e in entries)
    assert len({(e.path, e.line) for e in entries}) == len(entries)


def test_testing_md_examples_are_checked(fourd_main):
    """docs/TESTING.md uses ```output blocks: its examples must run as shown."""
    result = fourd_main("doctest", "--run", "docs/TESTING.md", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 failed" in result.stdout.splitlines()[-1]
    assert any(b.expected is not None for b in code_blocks(ROOT / "docs" / "TESTING.md"))
