"""Searching and replacing in large texts (fourd/commands/text.py): the same
results as on small ones, in memory proportional to the text."""
import sys
import tracemalloc

import pytest
from command_calls import Var, run

MB = 200_000          # characters: enough for the memory ratio to show, fast under tracemalloc


def peak_bytes(func, *args):
    tracemalloc.start()
    try:
        result = func(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("filler", ["ab", "éeaeéeéeae", "a\x01" + "a" * 98])
def test_replace_string_in_a_large_text_stays_within_three_times_its_size(filler):
    # 200,000 characters with a letter written with two, accents, an ignorable control
    # every 100 characters (the map back to the original grows with such characters only).
    text = filler * (MB // len(filler)) + "œ"
    result, peak = peak_bytes(run, "Replace string", text, "a", "x")
    assert result.count("x") == text.count("a")
    assert peak < 3 * sys.getsizeof(text)


def test_position_in_a_large_text_stays_within_three_times_its_size():
    text = "é" * MB + "Bœuf"
    found, peak = peak_bytes(run, "Position", "OEUF", text)
    assert found == MB + 2
    assert peak < 3 * sys.getsizeof(text)


def test_replace_string_counts_and_folds_like_position():
    text = "Bœuf, boeuf, BOEUF, b\x01oeuf"
    assert run("Replace string", text, "oe", "_") == "B_uf, b_uf, B_UF, b\x01_uf"
    assert run("Replace string", text, "oe", "_", 2) == "B_uf, b_uf, BOEUF, b\x01oeuf"
    assert run("Replace string", "aAa", "a", "\\1") == "\\1\\1\\1"


def test_position_after_letters_written_with_two_and_ignored_controls():
    text = "æ\x01æxæ"
    length = Var(0)
    assert run("Position", "x", text, 1, length.ref) == 4
    assert length.value == 1
    assert run("Position", "ae", text, 2) == 3
    assert run("Position", "æ", "aeæ", 2) == 3
