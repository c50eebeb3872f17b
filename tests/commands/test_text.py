"""Text commands, String, Bool (fourd/commands/text.py), by doc page.

Pages: 4d-docs/commands/<name>.md unless marked legacy (4d/docs
docs/commands-legacy/) or v21 (versioned_docs/version-21/commands/).
"""
import math

import pytest
from command_calls import Var, raises_code, run

from fourd.commands.registry import STAR
from fourd.commands.text import text_of
from fourd.runtime.errors import Codes
from fourd.runtime.values import NULL_DATE, UNDEFINED, Coll, Date, Obj, Pointer, Time

SK_CHAR_CODES, SK_CASE_INSENSITIVE, SK_DIACRITIC_INSENSITIVE, SK_WHOLE_WORD = 1, 2, 4, 32
SK_IGNORE_EMPTY_STRINGS, SK_TRIM_SPACES = 1, 2


# --- length.md ------------------------------------------------------------------

def test_length_examples():
    assert run("Length", "Topaz") == 5
    assert run("Length", "Citizen") == 7


def test_length_counts_ignorable_characters():
    # "If the string contains for example Char(1) ... Length(vtAnyText) does return 1"
    assert run("Length", "\x01") == 1
    assert run("Length", "") == 0


def test_length_of_undefined_is_zero():
    # Undefined passed to a typed parameter becomes its empty value (dt_null_undefined.md).
    assert run("Length", UNDEFINED) == 0


def test_length_of_a_number_is_error_54():
    raises_code(Codes.TYPE_MISMATCH, "Length", 12.0)


def test_wrong_parameter_count_is_an_error():
    raises_code(Codes.TYPE_MISMATCH, "Length")
    raises_code(Codes.TYPE_MISMATCH, "Length", "a", "b")


# --- substring.md -----------------------------------------------------------------

def test_substring_examples():
    assert run("Substring", "08/04/62", 4.0, 2.0) == "04"
    assert run("Substring", "Emergency", 1.0, 6.0) == "Emerge"
    assert run("Substring", "Emergency", 2.0) == "mergency"  # "all characters except the first"


def test_substring_past_the_end():
    assert run("Substring", "abc", 2.0, 10.0) == "bc"
    assert run("Substring", "abc", 4.0) == ""
    assert run("Substring", "", 1.0) == ""


def test_substring_edge_positions_and_counts():
    assert run("Substring", "abc", 0.0, 2.0) == "ab"
    assert run("Substring", "abc", 1.0, 0.0) == ""
    assert run("Substring", "abc", 1.0, -1.0) == ""


def test_substring_rounds_real_positions():
    assert run("Substring", "abcdef", 2.6, 1.0) == "c"


def test_substring_unicode():
    assert run("Substring", "héllo wörld", 7.0, 5.0) == "wörld"


# --- position.md -------------------------------------------------------------------

def test_position_examples():
    assert run("Position", "ll", "Willow") == 3
    assert run("Position", "day", "Today is the first day", 1.0) == 3
    assert run("Position", "day", "Today is the first day", 4.0) == 20
    assert run("Position", "DAY", "Today is the first day", 1.0, STAR) == 0


def test_position_length_found_of_a_ligature():
    length = Var()
    assert run("Position", "œ", "Bœuf", 1.0, length.ref) == 2
    assert length.value == 1


def test_position_ae_matches_ligature_with_its_own_length():
    length = Var()
    assert run("Position", "aegis", "the ægis", 1.0, length.ref) == 5
    assert length.value == 4
    assert run("Position", "æ", "aegis", 1.0, length.ref) == 1
    assert length.value == 2


def test_position_loop_over_occurrences():
    # Example 2: $start:=$start+$lengthfound until not found.
    text = "aegis, Ægis and AEGIS"
    found, start, length = [], 1, Var()
    while True:
        result = run("Position", "aegis", text, float(start), length.ref)
        if result == 0:
            break
        found.append((result, length.value))
        start = result + length.value
    assert found == [(1, 5), (8, 4), (17, 5)]


def test_position_options_example_3():
    string, p, length = "Hello Joelle et joel!", 0, Var()
    while True:
        p = run("Position", "joel", string, float(p + 1), length.ref,
                float(SK_CASE_INSENSITIVE + SK_DIACRITIC_INSENSITIVE))
        if p <= 0:
            break
        string = string[:p - 1] + "Joël" + string[p - 1 + length.value:]
    assert string == "Hello Joëlle et Joël!"


def test_position_is_case_and_diacritic_insensitive_by_default():
    assert run("Position", "E", "café") == 4
    assert run("Position", "CAFE", "un café") == 4


def test_position_star_compares_character_codes():
    length = Var()
    assert run("Position", "é", "cafe café", 1.0, length.ref, STAR) == 9
    assert length.value == 1
    assert run("Position", "abc", "xxabc", 1.0, STAR) == 3


def test_position_star_in_by_reference_position():
    # The compiler may pass the * of Position($a; $b; 1; *) wrapped in a Ref.
    assert run("Position", "DAY", "Today", 1.0, Var(STAR).ref) == 0


def test_position_ignores_ignorable_characters():
    assert run("Position", "ab", "a\x01b") == 1
    assert run("Position", "ab", "a\x01b", 1.0, STAR) == 0
    assert run("Position", "a\tb", "a\tb") == 1  # TAB is not ignorable


def test_position_empty_strings():
    # "If you ask for the position of an empty string within an empty string, Position returns zero"
    assert run("Position", "", "") == 0
    assert run("Position", "", "abc") == 0


def test_position_start_beyond_text():
    assert run("Position", "a", "abc", 10.0) == 0
    assert run("Position", "a", "abc", 0.0) == 1


def test_position_no_wildcard():
    # "You cannot use the @ wildcard character with Position"
    assert run("Position", "abc@", "abcdef") == 0
    assert run("Position", "c@", "abc@") == 3


def test_position_not_found_sets_length_zero():
    length = Var(7)
    assert run("Position", "z", "abc", 1.0, length.ref) == 0
    assert length.value == 0


def test_position_sk_case_insensitive_keeps_diacritics():
    assert run("Position", "E", "cafe café", 1.0, Var().ref, float(SK_CASE_INSENSITIVE)) == 4
    assert run("Position", "É", "cafe café", 1.0, Var().ref, float(SK_CASE_INSENSITIVE)) == 9


def test_position_sk_diacritic_insensitive_alone_is_case_sensitive():
    assert run("Position", "e", "CAFÉ café", 1.0, Var().ref, float(SK_DIACRITIC_INSENSITIVE)) == 9


def test_position_sk_char_codes_case_insensitive_only_ascii():
    # "Only for a-z or A-Z ranges (e.g., Alpha = alpha, but Alpha # âlphà)"
    options = float(SK_CHAR_CODES + SK_CASE_INSENSITIVE)
    assert run("Position", "ALPHA", "x alpha", 1.0, Var().ref, options) == 3
    assert run("Position", "Alpha", "âlphà", 1.0, Var().ref, options) == 0


def test_position_sk_whole_word():
    # "'where' is not considered when found within 'somewhere'"
    options = float(SK_WHOLE_WORD + SK_CASE_INSENSITIVE)
    assert run("Position", "where", "somewhere, Where", 1.0, Var().ref, options) == 12
    assert run("Position", "where", "somewhere", 1.0, Var().ref, options) == 0


def test_position_sk_strict_is_case_sensitive():
    assert run("Position", "a", "AaA", 1.0, Var().ref, 0.0) == 2


def test_position_decomposed_and_precomposed_accents_match():
    assert run("Position", "é", "cafe\u0301", 1.0, Var().ref, 0.0) == 4


# --- replace-string.md ---------------------------------------------------------------

def test_replace_string_examples():
    assert run("Replace string", "Willow", "ll", "d") == "Widow"
    assert run("Replace string", "Shout", "o", "") == "Shut"
    assert run("Replace string", "a\tb\tc", "\t", ",", STAR) == "a,b,c"


def test_replace_string_example_2_removes_cr_and_tabs():
    text = "a\rb\tc"
    text = run("Replace string", run("Replace string", text, "\r", "", STAR), "\t", "", STAR)
    assert text == "abc"


def test_replace_string_diacritics_example_3():
    assert run("Replace string", "Crème brûlée", "Brulee", "caramel") == "Crème caramel"
    assert run("Replace string", "Crème brûlée", "Brulee", "caramel", STAR) == "Crème brûlée"


def test_replace_string_how_many():
    assert run("Replace string", "aaaa", "a", "b", 2.0) == "bbaa"
    assert run("Replace string", "aaaa", "a", "b", 10.0) == "bbbb"
    assert run("Replace string", "aaaa", "a", "b", 0.0) == "aaaa"
    assert run("Replace string", "aAaA", "a", "b", 3.0, STAR) == "bAbA"


def test_replace_string_empty_old_string_returns_source():
    assert run("Replace string", "abc", "", "x") == "abc"


def test_replace_string_does_not_rescan_replacement():
    assert run("Replace string", "aa", "a", "aa") == "aaaa"


def test_replace_string_ligature_keeps_surrounding_text():
    assert run("Replace string", "Bœuf", "oe", "o") == "Bouf"


# --- uppercase.md / lowercase.md -----------------------------------------------------------

def test_uppercase_examples():
    assert run("Uppercase", "hélène") == "HELENE"
    assert run("Uppercase", "hélène", STAR) == "HÉLÈNE"


def test_lowercase_examples():
    assert run("Lowercase", "DÉJÀ VU") == "deja vu"
    assert run("Lowercase", "DÉJÀ VU", STAR) == "déjà vu"


def test_case_of_empty_and_non_letters():
    assert run("Uppercase", "") == ""
    assert run("Lowercase", "1-2 ÇA!") == "1-2 ca!"


# --- char.md / character-code.md ----------------------------------------------------------

def test_char_and_character_code():
    assert run("Char", 13.0) == "\r"
    assert run("Character code", "ABC") == 65
    assert run("Character code", "A") != run("Character code", "a")


def test_char_round_trip_and_limits():
    assert run("Char", float(run("Character code", "é"))) == "é"
    assert run("Char", -1.0) == ""
    assert run("Char", 0x110000 * 1.0) == ""
    assert run("Character code", "") == 0


# --- split-string.md ------------------------------------------------------------------

def test_split_string_example_1():
    text = "John;Doe;120 jefferson st.;Riverside;; NJ; 08075"
    assert list(run("Split string", text, ";")) == \
        ["John", "Doe", "120 jefferson st.", "Riverside", "", " NJ", " 08075"]
    assert list(run("Split string", text, ";", float(SK_IGNORE_EMPTY_STRINGS))) == \
        ["John", "Doe", "120 jefferson st.", "Riverside", " NJ", " 08075"]
    assert list(run("Split string", text, ";", float(SK_IGNORE_EMPTY_STRINGS + SK_TRIM_SPACES))) == \
        ["John", "Doe", "120 jefferson st.", "Riverside", "NJ", "08075"]


def test_split_string_returns_a_collection():
    assert type(run("Split string", "a,b", ",")) is Coll


def test_split_string_no_separator_found_and_empty_separator():
    assert list(run("Split string", "abc", ";")) == ["abc"]
    assert list(run("Split string", "abc", "")) == ["a", "b", "c"]


def test_split_string_multi_character_separator_is_exact():
    assert list(run("Split string", "aXYbxyc", "XY")) == ["a", "bxyc"]


def test_split_string_trim_then_ignore_empty():
    assert list(run("Split string", "a; ;b", ";", float(SK_IGNORE_EMPTY_STRINGS + SK_TRIM_SPACES))) == ["a", "b"]


# --- change-string.md, insert-string.md, delete-string.md (legacy) ---------------------------

@pytest.mark.parametrize("command, args, expected", [
    ("Change string", ("Acme", "CME", 2.0), "ACME"),
    ("Change string", ("November", "Dec", 1.0), "December"),
    ("Change string", ("abc", "XYZ", 2.0), "aXY"),          # "always returns a string of the same length"
    ("Change string", ("abc", "", 2.0), "abc"),
    ("Change string", ("abc", "X", 0.0), "abc"),            # where < 1 or past the end: unchanged
    ("Change string", ("abc", "X", 4.0), "abc"),
    ("Insert string", ("The tree", " green", 4.0), "The green tree"),
    ("Insert string", ("Shut", "o", 3.0), "Shout"),
    ("Insert string", ("Indention", "ta", 6.0), "Indentation"),
    ("Insert string", ("abc", "X", 10.0), "abcX"),          # appended past the end
    ("Insert string", ("abc", "X", 0.0), "Xabc"),           # inserted before below 1
    ("Insert string", ("abc", "", 2.0), "abc"),
    ("Delete string", ("Lamborghini", 6.0, 6.0), "Lambo"),
    ("Delete string", ("Indentation", 6.0, 2.0), "Indention"),
    ("Delete string", ("abcdef", 3.0, 32000.0), "ab"),      # "the first two characters"
    ("Delete string", ("", 1.0, 2.0), ""),
    ("Delete string", ("abc", 4.0, 1.0), "abc"),
    ("Delete string", ("abc", 1.0, 0.0), "abc"),
    ("Delete string", ("abc", 0.0, 1.0), "bc"),             # deleted from the beginning
])
def test_change_insert_delete_string(command, args, expected):
    assert run(command, *args) == expected


# --- trim.md, trim-start.md, trim-end.md (v21) ------------------------------------------------

def test_trim_examples():
    text = "     Hello World!    "
    assert run("Trim", text) == "Hello World!"
    assert run("Trim start", text) == "Hello World!    "
    assert run("Trim end", text) == "     Hello World!"


def test_trim_whitespace_kinds():
    assert run("Trim", "\t\r\n\u00a0\u3000x\ufeff ") == "x"
    assert run("Trim", "") == ""
    assert run("Trim", "\x01x") == "\x01x"  # not EcmaScript whitespace


# --- compare-strings.md (legacy) ---------------------------------------------------------------

def test_compare_strings_example_1():
    a = "alpha Bravo charlie Delta Echo Fox-Trot"
    b = "Alpha Bravo Charlie Delta Echo Fox-Trot"
    assert run("Compare strings", a, b, float(SK_CHAR_CODES)) == 1
    assert run("Compare strings", a, b, float(SK_CHAR_CODES + SK_CASE_INSENSITIVE)) == 0


def test_compare_strings_default_is_like_less_than():
    assert run("Compare strings", "ete", "été") == 0  # "equal in non-Japanese data language"
    assert run("Compare strings", "abc", "ABD") == -1
    assert run("Compare strings", "b", "A") == 1


def test_compare_strings_options():
    assert run("Compare strings", "ete", "été", float(SK_CASE_INSENSITIVE)) != 0
    assert run("Compare strings", "ETE", "été", float(SK_CASE_INSENSITIVE + SK_DIACRITIC_INSENSITIVE)) == 0
    assert run("Compare strings", "a", "A", 0.0) != 0


def test_compare_strings_no_wildcard():
    assert run("Compare strings", "abc@", "abcd") != 0


# --- bool.md ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (UNDEFINED, False), (None, False), (True, True), (False, False),
    (0.0, False), (2.5, True), (-1, True), (0, False),
    ("True", False), (Date(2020, 1, 1), False), (Obj(), False), (Coll(), False),
])
def test_bool_table(value, expected):
    assert run("Bool", value) is expected


# --- string.md ------------------------------------------------------------------------------

@pytest.mark.parametrize("number, fmt, expected", [
    (2.0 ** 15, None, "32768"),
    (2.0 ** 15, "###,##0 Inhabitants", "32,768 Inhabitants"),
    (1 / 3, "##0.00000", "0.33333"),
    (1 / 3, None, "0.3333333333333"),
    (math.atan(1) * 4, None, "3.14159265359"),
    (math.atan(1) * 4, "##0.00", "3.14"),
    (-1.0, "&x", "0xFFFFFFFF"),
    (-1.0, "&$", "$FFFFFFFF"),
    (128.0, "&x", "0x0080"),
    (128.0, "&$", "$80"),
    (16384.0, "&x", "0x4000"),
    (16384.0, "&$", "$4000"),
    (50.3, "&xml", "50.3"),
    (1.0, "True;;False", "True"),
    (0.0, "True;;False", "False"),
    (math.nan, None, ""),
    (math.inf, None, "INF"),
    (-math.inf, None, "-INF"),
])
def test_string_of_numbers_table(number, fmt, expected):
    args = (number,) if fmt is None else (number, fmt)
    assert run("String", *args) == expected


@pytest.mark.parametrize("number, base, expected", [
    (10.0, 2.0, "1010"),
    (-10.0, 2.0, "-1010"),
    (254.0, 16.0, "fe"),
    (-16523461.0, 16.0, "-fc20c5"),
    (math.nan, 10.0, "NaN"),
    (0.5, 2.0, "0.1"),
    (255.5, 16.0, "ff.8"),
    (1e21, 10.0, "1e+21"),
    (0.000001, 10.0, "0.000001"),
    (1e-7, 10.0, "1e-7"),
    (123.0, 0.0, "123"),
])
def test_string_with_base(number, base, expected):
    assert run("String", number, base) == expected


def test_string_base_out_of_range_is_an_error():
    raises_code(Codes.TYPE_MISMATCH, "String", 5.0, 37.0)


@pytest.mark.parametrize("fmt, positive, negative, zero", [
    # properties_Display.md, "Number Format" examples for 1234.50, -1234.50 and 0
    ("###", "<<<", "<<<", ""),
    ("####", "1234", "<<<<", ""),
    ("#######", "1234", "-1234", ""),
    ("#####.##", "1234.5", "-1234.5", ""),
    ("####0.00", "1234.50", "-1234.50", "0.00"),
    ("#####0", "1234", "-1234", "0"),
    ("+#####0;-#####0;0", "+1234", "-1234", "0"),
    ("#####0DB;#####0CR;0", "1234DB", "1234CR", "0"),
    ("#####0;(#####0)", "1234", "(1234)", "0"),
    ("###,##0", "1,234", "-1,234", "0"),
    ("##,##0.00", "1,234.50", "-1,234.50", "0.00"),
    ("^^^^^^^", "   1234", "  -1234", "       "),
    ("^^^^^^0", "   1234", "  -1234", "      0"),
    ("^^^,^^0", "  1,234", " -1,234", "      0"),
    ("^^,^^0.00", " 1,234.50", "-1,234.50", "     0.00"),
    ("*******", "***1234", "**-1234", "*******"),
    ("******0", "***1234", "**-1234", "******0"),
    ("***,**0", "**1,234", "*-1,234", "******0"),
    ("**,**0.00", "*1,234.50", "-1,234.50", "*****0.00"),
    ("$*,**0.00;-$*,**0.00", "$1,234.50", "-$1,234.50", "$****0.00"),
    ("$^^^^0", "$ 1234", "$-1234", "$    0"),
    ("$^^^0;-$^^^0", "$1234", "-$1234", "$   0"),
    ("$^^^0 ;($^^^0)", "$1234 ", "($1234)", "$   0 "),
    ("$^,^^0.00 ;($^,^^0.00)", "$1,234.50 ", "($1,234.50)", "$    0.00 "),
    ("&2", "1.2e+3", "-1.2e+3", "0.0e+0"),
    ("&xml", "1234.5", "-1234.5", "0"),
])
def test_number_format_examples(fmt, positive, negative, zero):
    assert [run("String", x, fmt) for x in (1234.5, -1234.5, 0.0)] == [positive, negative, zero]


def test_number_format_prose_examples():
    assert run("String", -26.0, "##0") == "-26"   # "minus 26 is displayed as –26"
    assert run("String", -260.0, "##0") == "<<<"  # "and minus 260 is displayed as <<<"
    assert run("String", 759.62, "&3") == "7.60e+2"
    assert run("String", 0.0, "$###,##0.00;($###,##0.00);") == ""
    assert run("String", 0.0, "$###,##0.00;($###,##0.00)") == "$0.00"
    assert run("String", 25000.0, "&/5") == "6:56 AM"


def test_number_format_truncates_and_keeps_inner_zeros():
    assert run("String", 1.05, "#.##") == "1.05"
    assert run("String", 2.999, "0.00") == "2.99"
    assert run("String", 0.5, "#.##") == ".5"


def test_string_of_integers_and_reals():
    assert run("String", 3) == "3"
    assert run("String", 1.5) == "1.5"
    assert run("String", -0.0) == "0"
    assert run("String", 1e20) == "1e+20"
    assert run("String", 1.5e-7) == "1.5e-7"
    assert run("String", 0.1 + 0.2) == "0.3"


def test_string_of_dates_examples():
    assert run("String", Date(2023, 11, 27)) == "11/27/2023"
    assert run("String", Date(2023, 11, 27), 5.0) == "November 27, 2023"   # Internal date long
    assert run("String", Date(2023, 11, 27), "EEEE d MMMM y GGGG") == "Monday 27 November 2023 Anno Domini"


def test_string_of_date_with_add_time():
    assert run("String", Date(2010, 9, 13), 8.0, Time(18 * 3600 + 11 * 60 + 53)) == "2010-09-13T18:11:53"


def test_string_of_times_examples():
    assert run("String", Time(17 * 3600 + 30 * 60 + 45), 5.0) == "5:30 PM"  # HH MM AM PM
    assert run("String", Time(17 * 3600 + 30 * 60 + 45), 3.0) == "17 hours 30 minutes 45 seconds"
    assert run("String", Time(17 * 3600 + 30 * 60 + 45), "'It is' K a") == "It is 5 PM"
    assert run("String", Time(17 * 3600 + 30 * 60 + 45)) == "17:30:45"


def test_string_of_other_types():
    assert run("String", "abc", "##0") == "abc"   # the format is ignored
    assert run("String", True) == "True"
    assert run("String", False, "x") == "False"
    assert run("String", UNDEFINED) == ""
    assert run("String", None) == "null"


def test_string_of_objects_and_collections_is_json():
    assert run("String", Obj(a=1.0, b="x")) == '{"a":1,"b":"x"}'
    assert run("String", Coll([1.0, "x", None])) == '[1,"x",null]'


def test_string_refuses_pointers_and_blobs():
    raises_code(Codes.TYPE_MISMATCH, "String", bytearray(b"ab"))
    raises_code(Codes.TYPE_MISMATCH, "String", Pointer("$x", lambda: 1, lambda v: None))


# --- text_of (String without a format, for every type) --------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("abc", "abc"), (3, "3"), (1.5, "1.5"), (2.0, "2"), (True, "True"),
    (Date(2006, 12, 29), "12/29/2006"), (NULL_DATE, "00/00/00"),
    (Time(90061), "25:01:01"), (UNDEFINED, ""), (None, "null"),
    (Coll([Obj(a=Coll())]), '[{"a":[]}]'),
    (bytearray(b"abc"), "[BLOB: 3 bytes]"),
    (Pointer("$x", lambda: 1, lambda v: None), "->$x"),
])
def test_text_of(value, expected):
    assert text_of(value) == expected
