"""fourd.runtime.operators against 4D's documentation, one section per page.

Pages (4d/docs, local copies under /work/shared/spec/4d-docs/): Concepts/operators.md,
dt_number.md, dt_string.md, dt_date.md, dt_time.md, dt_boolean.md,
dt_null_undefined.md, dt_collection.md, dt_pointer.md, cf_branching.md;
commands-legacy/set-real-comparison-level.md, commands/mod.md, commands/int.md.

4D numeric literals are Reals (floats); Python ints stand for Integer-typed data.
"""
import math

import pytest

from fourd.runtime import operators as op
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.formula import Formula
from fourd.runtime.values import NULL_DATE, UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time


def T(h, m, s):
    return Time(h * 3600 + m * 60 + s)


def raises_code(code, func, *args):
    with pytest.raises(FourDError) as info:
        func(*args)
    assert info.value.code == code


def incompatible(func, *args):
    raises_code(Codes.INCOMPATIBLE_ARGUMENTS, func, *args)


# --- operators.md ---------------------------------------------------------------

class TestOperatorsPage:
    def test_compound_assignment_examples(self):
        assert op.add(2.0, 5.0) == 7.0
        assert op.add("Hello", " World") == "Hello World"
        assert op.add(Date(2000, 11, 10), 10.0) == Date(2000, 11, 20)
        assert op.sub(10.0, 5.0) == 5.0
        assert op.sub(Date(2000, 11, 10), 10.0) == Date(2000, 10, 31)
        assert op.div(10.0, 2.0) == 5.0
        assert op.mul(10.0, 5.0) == 50.0
        assert op.mul("Hello", 2.0) == "HelloHello"
        assert op.add(T(1, 0, 0), T(0, 30, 0)) == T(1, 30, 0)   # Time += Time: Time
        assert op.add(T(1, 0, 0), 5.0) == 3605.0                # Time += Number: Number

    @staticmethod
    def and_sc(*values):
        """``&&`` as the compiler builds it on truthy()."""
        result = values[0]
        for value in values[1:]:
            if not op.truthy(result):
                return result
            result = value
        return result

    @staticmethod
    def or_sc(a, b):
        return a if op.truthy(a) else b

    def test_short_circuit_and_example(self):
        assert self.and_sc("Hello", "World") == "World"
        assert self.and_sc(False, 0.0) is False
        assert self.and_sc(0.0, False) is False
        assert self.and_sc(5.0, NULL_DATE) == NULL_DATE
        assert self.and_sc(5.0, 10.0, "hello") == "hello"

    def test_short_circuit_tax_example(self):
        assert self.and_sc(None, 0) is None                 # taxRate Null: $tax is Null
        assert self.and_sc(UNDEFINED, 0) is UNDEFINED
        assert self.and_sc(0.2, op.mul(50.0, 0.2)) == 10.0

    def test_short_circuit_or_examples(self):
        assert self.or_sc(None, "n/a") == "n/a"
        assert self.or_sc("555-1234", "n/a") == "555-1234"
        assert self.or_sc(UNDEFINED, "Smith") == "Smith"

    def test_ternary_example(self):
        age = 26.0
        assert ("Beer" if op.truthy(op.ge(age, 21.0)) else "Juice") == "Beer"

    @pytest.mark.parametrize("value", [
        False, None, UNDEFINED, NULL_DATE, "", Coll(), Obj(),
    ], ids=["false", "null", "undefined", "null date", "empty text", "empty collection", "empty object"])
    def test_falsy_values(self, value):
        assert op.truthy(value) is False

    @pytest.mark.parametrize("value", [
        True, 0.0, 0, -1.5, "0", " ", Coll([None]), Obj(a=None), Date(2020, 1, 1), Time(0),
        Formula(lambda this: 1), Blob4D(b""), bytearray(),
    ], ids=["true", "real 0", "integer 0", "negative", "text 0", "space", "collection", "object", "date",
            "time 0", "formula", "4D.Blob", "blob"])
    def test_truthy_values(self, value):
        assert op.truthy(value) is True


# --- dt_number.md ------------------------------------------------------------

class TestNumberPage:
    def test_operator_table(self):
        assert op.add(2.0, 3.0) == 5.0
        assert op.sub(3.0, 2.0) == 1.0
        assert op.mul(5.0, 2.0) == 10.0
        assert op.div(5.0, 2.0) == 2.5
        assert op.idiv(5.0, 2.0) == 2.0
        assert op.percent(5.0, 2.0) == 1.0
        assert op.power(2.0, 3.0) == 8.0

    @pytest.mark.parametrize("func, a, b, expected", [
        (op.eq, 10.0, 10.0, True), (op.eq, 10.0, 11.0, False),
        (op.ne, 10.0, 11.0, True), (op.ne, 10.0, 10.0, False),
        (op.gt, 11.0, 10.0, True), (op.gt, 10.0, 11.0, False),
        (op.lt, 10.0, 11.0, True), (op.lt, 11.0, 10.0, False),
        (op.ge, 11.0, 10.0, True), (op.ge, 10.0, 11.0, False),
        (op.le, 10.0, 11.0, True), (op.le, 11.0, 10.0, False),
    ])
    def test_comparison_table(self, func, a, b, expected):
        assert func(a, b) is expected

    def test_modulo_examples(self):
        assert op.percent(10.0, 2.0) == 0
        assert op.percent(10.0, 3.0) == 1
        assert op.percent(10.5, 2.0) == 0   # remainder of the Longint operands

    def test_mod_rounds_real_operands(self):
        # commands/mod.md: Mod(3.5;2) gives 0; reals are rounded first.
        assert op.percent(3.5, 2.0) == 0

    def test_modulo_sign_follows_dividend(self):
        assert op.percent(-7, 3) == -1
        assert op.percent(7, -3) == 1

    def test_precedence_is_left_to_right(self):
        # 3+4*5 is evaluated as (3+4)*5: the compiler nests the calls so.
        assert op.mul(op.add(3.0, 4.0), 5.0) == 35.0
        assert op.add(3.0, op.mul(4.0, 5.0)) == 23.0

    def test_integer_division_is_int_of_quotient(self):
        # a\b = Int(a/b), and Int truncates negative numbers away from zero (int.md).
        assert op.idiv(-7.0, 2.0) == -4.0
        assert op.idiv(-7, 2) == -4
        assert op.idiv(7, 2) == 3 and type(op.idiv(7, 2)) is int

    def test_mixing_number_types(self):
        assert op.add(1, 2) == 3 and type(op.add(1, 2)) is int
        assert type(op.add(1, 2.0)) is float
        assert type(op.mul(2.0, 3)) is float
        assert op.div(5, 2) == 2.5                    # "/" is always Real
        assert type(op.power(2, 3)) is float
        assert op.eq(2, 2.0) is True and op.lt(1, 1.5) is True

    def test_integer_overflow_wraps_as_longint(self):
        assert op.add(2147483647, 1) == -2147483648
        assert op.sub(-2147483648, 1) == 2147483647
        assert op.mul(65536, 65536) == 0
        assert op.neg(-2147483648) == -2147483648
        assert op.idiv(-2147483648, -1) == -2147483648

    def test_division_by_zero(self):
        # A Real divided by zero is infinite: String(1/0) is "INF" (commands/string.md).
        assert op.div(1.0, 0.0) == math.inf and op.div(-2, 0) == -math.inf
        assert math.isnan(op.div(0, 0.0))
        raises_code(Codes.DIVISION_BY_ZERO, op.idiv, 1, 0)
        raises_code(Codes.MODULO_BY_ZERO, op.percent, 1.0, 0.0)
        raises_code(Codes.MODULO_BY_ZERO, op.percent, 5.0, 0.4)   # 0.4 is Longint 0

    def test_power_edge_cases(self):
        assert op.power(10.0, 400.0) == math.inf
        assert op.power(-10.0, 401.0) == -math.inf
        assert math.isnan(op.power(-8.0, 1 / 3))
        assert op.power(0.0, -1.0) == math.inf
        assert op.power(4.0, 0.5) == 2.0

    def test_unary_minus(self):
        assert op.neg(2.5) == -2.5
        assert op.neg(3) == -3
        incompatible(op.neg, "a")

    def test_real_comparison_uses_epsilon(self):
        # set-real-comparison-level.md: equal when Abs(a-b) <= 10^-6.
        assert op.eq(0.00001, 0.00002) is False
        assert op.eq(0.000001, 0.000002) is True
        assert op.eq(0.000001, 0.000003) is False
        assert op.ne(0.1 + 0.2, 0.3) is False
        assert op.lt(1.0, 1.0000001) is True            # epsilon is for equality only

    def test_set_real_comparison_level(self):
        try:
            op.set_real_comparison_level(0.01)
            assert op.eq(1.0, 1.005) is True
        finally:
            op.set_real_comparison_level(1e-6)
        assert op.eq(1.0, 1.005) is False

    def test_numbers_with_other_types_are_incompatible(self):
        incompatible(op.add, 1.0, "1")
        incompatible(op.eq, 1.0, "1")
        incompatible(op.eq, 1.0, True)
        incompatible(op.lt, 1.0, True)
        incompatible(op.power, "2", 2.0)


class TestBitwise:
    """dt_number.md, "Bitwise operators" (hex literals > 2^31 are Longints)."""

    @pytest.mark.parametrize("func, a, b, expected", [
        (op.and_, 0x0000FFFF, 0xFF00FF00, 0x0000FF00),
        (op.or_, 0x0000FFFF, 0xFF00FF00, 0xFF00FFFF),
        (op.xor, 0x0000FFFF, 0xFF00FF00, 0xFF0000FF),
        (op.shl, 0x0000FFFF, 8, 0x00FFFF00),
        (op.shr, 0x0000FFFF, 8, 0x000000FF),
        (op.bit_set, 0x00000000, 16, 0x00010000),
        (op.bit_clear, 0x00010000, 16, 0x00000000),
    ])
    @pytest.mark.parametrize("number", [float, int], ids=["real", "integer"])
    def test_examples(self, func, a, b, expected, number):
        result = func(number(a), number(b))
        assert type(result) is int
        assert result & 0xFFFFFFFF == expected

    def test_bit_test_example(self):
        assert op.bit_test(float(0x00010000), 16.0) is True
        assert op.bit_test(0x00010000, 15) is False

    def test_negative_values(self):
        assert op.and_(-1, 0xFF) == 255
        assert op.shr(-1, 28) == 15                 # new bits on the left are 0
        assert op.shl(-8, 1) == -16
        assert op.shl(1, 31) == -2147483648
        assert op.bit_test(-1, 31) is True
        assert op.bit_clear(-1, 31) == 2147483647
        assert op.bit_set(0, 31) == -2147483648

    def test_shift_counts_and_bit_numbers_out_of_range(self):
        assert op.shl(0xFFFF, 0) == 0xFFFF          # shifting by 0: unchanged
        assert op.shl(0xFFFF, 32) == 0              # more than 31 bits: all lost
        assert op.shr(-1, 40) == 0
        assert op.bit_test(-1, 32) is False

    def test_reals_are_evaluated_as_longints(self):
        assert op.or_(2.6, 0.0) == 3

    def test_non_numbers(self):
        incompatible(op.and_, True, 1.0)
        incompatible(op.xor, True, False)
        incompatible(op.shl, "1", 2.0)


# --- dt_boolean.md -----------------------------------------------------------

class TestBooleanPage:
    def test_logical_operator_table(self):
        assert op.and_(op.eq("A", "A"), op.ne(15.0, 3.0)) is True
        assert op.and_(op.eq("A", "B"), op.ne(15.0, 3.0)) is False
        assert op.and_(op.eq("A", "B"), op.eq(15.0, 3.0)) is False
        assert op.or_(op.eq("A", "A"), op.ne(15.0, 3.0)) is True
        assert op.or_(op.eq("A", "B"), op.ne(15.0, 3.0)) is True
        assert op.or_(op.eq("A", "B"), op.eq(15.0, 3.0)) is False

    @pytest.mark.parametrize("a, b", [(True, True), (True, False), (False, True), (False, False)])
    def test_truth_tables(self, a, b):
        assert op.and_(a, b) is (a and b)
        assert op.or_(a, b) is (a or b)

    def test_xor_tip(self):
        # (Expr1|Expr2) & Not(Expr1 & Expr2)
        for a in (True, False):
            for b in (True, False):
                assert op.and_(op.or_(a, b), not op.and_(a, b)) is (a != b)

    def test_boolean_equality(self):
        assert op.eq(True, True) is True
        assert op.ne(True, False) is True
        incompatible(op.lt, False, True)


# --- dt_string.md ------------------------------------------------------------

class TestStringPage:
    def test_operator_table(self):
        assert op.add("abc", "def") == "abcdef"
        assert op.mul("ab", 3.0) == "ababab"
        assert op.percent("Alpha Bravo", "Bravo") is True
        assert op.percent("Alpha Bravo", "ravo") is False

    @pytest.mark.parametrize("func, a, b, expected", [
        (op.eq, "abc", "abc", True), (op.eq, "abc", "abd", False),
        (op.ne, "abc", "abd", True), (op.ne, "abc", "abc", False),
        (op.gt, "abd", "abc", True), (op.gt, "abc", "abc", False),
        (op.lt, "abc", "abd", True), (op.lt, "abc", "abc", False),
        (op.ge, "abd", "abc", True), (op.ge, "abc", "abd", False),
        (op.le, "abc", "abd", True), (op.le, "abd", "abc", False),
    ])
    def test_comparison_table(self, func, a, b, expected):
        assert func(a, b) is expected

    def test_case_is_ignored(self):
        assert op.eq("a", "A") is True
        assert op.lt("a", "B") is True
        assert op.ne("HELLO", "hello") is False

    @pytest.mark.parametrize("a, b", [("n", "ñ"), ("n", "Ñ"), ("A", "å"), ("é", "E"), ("Crème", "CREME")])
    def test_diacritics_are_ignored(self, a, b):
        assert op.eq(a, b) is True
        assert op.compare_text(a, b) == 0

    def test_decomposed_and_precomposed_forms_are_equal(self):
        assert op.eq("e\u0301te", "\u00e9t\u00e9") is True

    @pytest.mark.parametrize("pattern", [
        "abc@", "abcdefghij@", "@abcdefghij", "abcd@efghij", "@abcdefghij@", "@abcde@fghij@", "@", "ABC@",
    ])
    def test_wildcard_matches(self, pattern):
        assert op.eq("abcdefghij", pattern) is True
        assert op.ne("abcdefghij", pattern) is False

    def test_wildcard_in_left_operand_is_a_character(self):
        assert op.eq("abc@", "abcdefghij") is False
        assert op.eq("abc@", "abc@") is True

    def test_two_consecutive_wildcards_never_match(self):
        assert op.eq("abcdefghij", "abc@@fg") is False
        assert op.eq("abc@@fg", "abc@@fg") is False
        assert op.eq("", "@@") is False

    def test_wildcard_edge_cases(self):
        assert op.eq("", "@") is True
        assert op.eq("x", "@") is True                 # ($vsValue[[n]]="@") is always TRUE
        assert op.eq("abc", "abc@") is True            # @ may match nothing
        assert op.eq("abc", "a@c@") is True
        assert op.eq("ab", "a@b@c") is False
        assert op.eq("aXb", "a@b") is True
        assert op.eq("ab", "ab@b") is False            # pieces must not overlap
        assert op.eq("Été", "ete@") is True            # wildcards ignore case/diacritics too

    def test_wildcard_in_ordering(self):
        assert op.le("abcd", "abc@") is True           # valid: one @ at the end
        assert op.lt("abcd", "abc@") is False
        assert op.ge("abcd", "abc@") is True
        assert op.gt("abd", "abc@") is True
        assert op.lt("ab", "abc@") is True
        # "abcd"<="abc@ef" is "not a valid comparison": @ compared as a character.
        assert op.le("abcd", "abc@ef") is False

    def test_empty_strings(self):
        assert op.eq("", "") is True
        assert op.lt("", "a") is True
        assert op.eq("", "a@") is False
        assert op.mul("ab", 0.0) == "" and op.mul("ab", -2.0) == ""

    @pytest.mark.parametrize("text, keyword, expected", [
        ("Alpha Bravo Charlie", "Bravo", True),
        ("Alpha Bravo Charlie", "vo", False),
        ("Alpha Bravo Charlie", "Alpha Bravo", False),
        ("Alpha,Bravo,Charlie", "Alpha", True),
        ("Software and Computers", "comput@", True),
        ("Pi is 3.14 exactly", "3.14", True),
        ("Pi is 3.14 exactly", "3", False),
        ("Alpha-Bravo", "bravo", True),
        ("Alpha Bravo", "", False),
    ])
    def test_keywords(self, text, keyword, expected):
        assert op.percent(text, keyword) is expected

    def test_contains_keyword_is_the_text_percent(self):
        assert op.contains_keyword("Alpha Bravo Charlie", "charlie") is True
        assert op.contains_keyword("Alpha Bravo Charlie", "Char@") is True
        assert op.contains_keyword("Alpha Bravo Charlie", "@harl@") is True
        assert op.contains_keyword("Alpha Bravo Charlie", "Delta") is False

    def test_text_with_other_types(self):
        incompatible(op.add, "abc", 0.5)        # data-types.md: "abc"+0.5 is an error
        incompatible(op.eq, "1", 1.0)
        incompatible(op.lt, "a", None)
        incompatible(op.mul, 3.0, "ab")

    def test_collation_key_and_compare_text(self):
        assert op.collation_key("Ébène") == op.collation_key("ebene")
        words = ["banana", "Apple", "cherry", "àpple"]
        assert sorted(words, key=op.collation_key) == ["Apple", "àpple", "banana", "cherry"]
        assert op.compare_text("a", "B") == -1
        assert op.compare_text("b", "A") == 1
        assert op.compare_text("abc@", "abc") == 1      # no wildcard in compare_text


# --- dt_date.md --------------------------------------------------------------

class TestDatePage:
    def test_operator_table(self):
        assert op.sub(Date(2017, 1, 20), Date(2017, 1, 1)) == 19.0
        assert op.add(Date(2017, 1, 20), 9.0) == Date(2017, 1, 29)
        assert op.sub(Date(2017, 1, 20), 9.0) == Date(2017, 1, 11)

    @pytest.mark.parametrize("func, a, b, expected", [
        (op.eq, (2017, 1, 1), (2017, 1, 1), True), (op.eq, (2017, 1, 20), (2017, 1, 1), False),
        (op.ne, (2017, 1, 20), (2017, 1, 1), True), (op.ne, (2017, 1, 20), (2017, 1, 20), False),
        (op.gt, (2017, 1, 20), (2017, 1, 1), True), (op.gt, (2017, 1, 20), (2017, 1, 20), False),
        (op.lt, (2017, 1, 1), (2017, 1, 20), True), (op.lt, (2017, 1, 20), (2017, 1, 20), False),
        (op.ge, (2017, 1, 20), (2017, 1, 1), True), (op.ge, (2017, 1, 1), (2017, 1, 20), False),
        (op.le, (2017, 1, 1), (2017, 1, 20), True), (op.le, (2017, 1, 20), (2017, 1, 1), False),
    ])
    def test_comparison_table(self, func, a, b, expected):
        assert func(Date(*a), Date(*b)) is expected

    def test_leap_years_and_month_ends(self):
        assert op.add(Date(2020, 2, 28), 1.0) == Date(2020, 2, 29)
        assert op.add(Date(2019, 12, 31), 1) == Date(2020, 1, 1)
        assert op.sub(Date(2021, 3, 1), Date(2020, 3, 1)) == 365.0

    def test_null_date(self):
        assert op.eq(NULL_DATE, Date(0, 0, 0)) is True
        assert op.lt(NULL_DATE, Date(100, 1, 1)) is True
        assert op.add(NULL_DATE, 1.0) == NULL_DATE      # stays null (no documented result)
        assert op.sub(NULL_DATE, 1.0) == NULL_DATE

    def test_invalid_date_operations(self):
        incompatible(op.add, Date(2017, 1, 1), T(1, 0, 0))
        incompatible(op.add, Date(2017, 1, 1), Date(2017, 1, 1))
        incompatible(op.add, 9.0, Date(2017, 1, 1))
        incompatible(op.mul, Date(2017, 1, 1), 2.0)
        incompatible(op.eq, Date(2017, 1, 1), 1.0)


# --- dt_time.md --------------------------------------------------------------

class TestTimePage:
    def test_operator_table(self):
        assert op.add(T(2, 3, 4), T(1, 2, 3)) == T(3, 5, 7)
        assert op.sub(T(2, 3, 4), T(1, 2, 3)) == T(1, 1, 1)
        assert op.add(T(2, 3, 4), 65.0) == 7449.0
        assert op.sub(T(2, 3, 4), 65.0) == 7319.0
        assert op.mul(T(2, 3, 4), 2.0) == 14768.0
        assert op.div(T(2, 3, 4), 2.0) == 3692.0
        assert op.idiv(T(2, 3, 4), 2.0) == 3692.0
        assert op.percent(T(20, 10, 0), T(4, 20, 0)) == T(2, 50, 0)
        assert op.percent(T(2, 3, 4), 2.0) == 0

    def test_result_types(self):
        assert type(op.add(T(2, 3, 4), T(1, 2, 3))) is Time
        assert type(op.add(T(2, 3, 4), 65.0)) is float
        assert type(op.add(65.0, T(2, 3, 4))) is float     # a time is treated as a number

    @pytest.mark.parametrize("func, a, b, expected", [
        (op.eq, (1, 2, 3), (1, 2, 3), True), (op.eq, (1, 2, 3), (1, 2, 4), False),
        (op.ne, (1, 2, 3), (1, 2, 4), True), (op.ne, (1, 2, 3), (1, 2, 3), False),
        (op.gt, (1, 2, 4), (1, 2, 3), True), (op.gt, (1, 2, 3), (1, 2, 3), False),
        (op.lt, (1, 2, 3), (1, 2, 4), True), (op.lt, (1, 2, 3), (1, 2, 3), False),
        (op.ge, (1, 2, 3), (1, 2, 3), True), (op.ge, (1, 2, 3), (1, 2, 4), False),
        (op.le, (1, 2, 3), (1, 2, 3), True), (op.le, (1, 2, 4), (1, 2, 3), False),
    ])
    def test_comparison_table(self, func, a, b, expected):
        assert func(T(*a), T(*b)) is expected

    def test_example_2_modulo_on_24_hours(self):
        t2 = op.add(T(23, 0, 0), T(2, 30, 0))
        assert t2 == T(25, 30, 0)
        assert op.percent(t2, T(24, 0, 0)) == T(1, 30, 0)

    def test_times_compare_with_numbers(self):
        assert op.eq(T(1, 0, 0), 3600.0) is True
        assert op.gt(T(1, 0, 0), 60.0) is True

    def test_unary_minus(self):
        assert op.neg(T(1, 0, 0)) == Time(-3600)

    def test_invalid_time_operations(self):
        incompatible(op.add, T(1, 0, 0), "1")
        incompatible(op.power, T(1, 0, 0), 2.0)


# --- dt_null_undefined.md -----------------------------------------------------

class TestNullUndefinedPage:
    def test_null_operators(self):
        assert op.eq(None, None) is True
        assert op.eq(None, UNDEFINED) is True
        assert op.eq(None, 42.0) is False
        assert op.ne(None, None) is False
        assert op.ne(None, UNDEFINED) is False
        assert op.ne(None, 42.0) is True

    @pytest.mark.parametrize("scalar", ["a", 1.0, 1, Date(2020, 1, 1), Time(5), True, bytearray(b"x")])
    def test_null_is_not_a_scalar(self, scalar):
        assert op.eq(None, scalar) is False
        assert op.eq(scalar, None) is False

    def test_null_against_references(self):
        assert op.eq(Obj(), None) is False
        assert op.ne(Coll(), None) is True

    @pytest.mark.parametrize("func", [op.lt, op.gt, op.le, op.ge])
    def test_null_ordering_is_an_error(self, func):
        incompatible(func, None, 42.0)
        incompatible(func, "a", None)

    def test_undefined_operators(self):
        assert op.eq(UNDEFINED, UNDEFINED) is True
        assert op.eq(UNDEFINED, None) is True
        assert op.eq(UNDEFINED, 42.0) is False
        assert op.ne(UNDEFINED, UNDEFINED) is False
        assert op.ne(UNDEFINED, None) is False
        assert op.ne(UNDEFINED, 42.0) is True

    @pytest.mark.parametrize("func", [op.lt, op.gt, op.le, op.ge])
    @pytest.mark.parametrize("other", ["abc", Date(2020, 1, 1), Time(1), 42.0, 42])
    def test_undefined_ordered_against_scalars_is_false(self, func, other):
        assert func(UNDEFINED, other) is False
        assert func(other, UNDEFINED) is False

    @pytest.mark.parametrize("func", [op.lt, op.gt, op.le, op.ge])
    @pytest.mark.parametrize("other", [UNDEFINED, None, True, Obj(), Coll(), bytearray()],
                             ids=["undefined", "null", "boolean", "object", "collection", "blob"])
    def test_undefined_ordering_errors(self, func, other):
        incompatible(func, UNDEFINED, other)

    def test_examples(self):
        v_obj = Obj(null=None)
        undefined = v_obj.get("undefined", UNDEFINED)
        v_var = UNDEFINED                              # a Variant never assigned
        assert op.eq(undefined, 42.0) is False
        assert op.eq(undefined, v_obj["null"]) is True
        assert op.eq(undefined, v_var) is True
        assert op.ne(undefined, v_obj["null"]) is False
        assert op.ne(undefined, 42.0) is True
        assert op.ne(undefined, v_var) is False
        assert op.gt(undefined, "hello") is False
        incompatible(op.gt, undefined, v_var)
        incompatible(op.gt, undefined, v_obj["null"])
        assert op.lt(v_var, 42.0) is False

    def test_emp_examples(self):
        v_emp = Obj(name="Smith", children=None)
        assert op.eq(v_emp["name"], None) is False
        assert op.eq(v_emp["children"], None) is True
        assert op.eq(v_emp.get("parent", UNDEFINED), None) is True


# --- dt_collection.md, dt_object.md (reference operators), dt_pointer.md ----------

class TestReferencePages:
    def test_collection_operators(self):
        c1 = Coll(["a", 42.0])
        c2 = Coll(["a", 42.0])
        c3 = c1
        assert op.eq(c1, c3) is True
        assert op.eq(c1, c2) is False
        assert op.ne(c1, c3) is False
        assert op.ne(c1, c2) is True

    def test_object_operators(self):
        o1 = Obj(a=1.0)
        assert op.eq(o1, o1) is True
        assert op.eq(o1, Obj(a=1.0)) is False
        assert op.ne(o1, Obj(a=1.0)) is True
        blob = Blob4D(b"x")
        assert op.eq(blob, blob) is True and op.eq(blob, o1) is False

    def test_pointer_operators(self):
        def pointer(name):
            return Pointer(name, lambda: None, lambda value: None)
        v_ptr_a = pointer("anObject")
        v_ptr_b = pointer("anObject")
        v_ptr_c = pointer("anotherObject")
        assert op.eq(v_ptr_a, v_ptr_b) is True
        assert op.eq(v_ptr_a, v_ptr_c) is False
        assert op.ne(v_ptr_a, v_ptr_c) is True
        assert op.ne(v_ptr_a, v_ptr_b) is False
        assert op.eq(v_ptr_a, None) is False            # not a nil pointer

    def test_mixed_references_are_incompatible(self):
        incompatible(op.eq, Coll(), Obj())
        incompatible(op.lt, Obj(), Obj())
        incompatible(op.eq, bytearray(b"a"), bytearray(b"a"))


# --- cf_branching.md / cf_looping.md (conditions) ---------------------------------

class TestConditions:
    def test_booleans(self):
        assert op.condition(True) is True
        assert op.condition(False) is False

    def test_undefined_condition_is_false(self):
        # dt_null_undefined.md: If($o.a) and :($o.a) with $o.a undefined are false.
        assert op.condition(UNDEFINED) is False

    @pytest.mark.parametrize("value", [1.0, 0, "True", None, Obj(), Date(2020, 1, 1)],
                             ids=["real", "integer", "text", "null", "object", "date"])
    def test_other_values_are_errors(self, value):
        raises_code(Codes.BOOLEAN_EXPECTED, op.condition, value)


class TestErrorHandlerResumes:
    """With an ON ERR CALL handler installed, fail() returns Undefined and
    execution resumes: operators must return it, not raise (errors.py)."""

    def test_operator_returns_undefined_under_handler(self, monkeypatch):
        from fourd.runtime import process
        proc = process.current_process()
        calls = []
        monkeypatch.setattr(proc, "vars", {})
        monkeypatch.setattr(proc, "error_handler", "onErr")
        monkeypatch.setattr(process.global_state, "call_method", lambda name, *args: calls.append(name))
        assert op.add("a", 1.0) is UNDEFINED
        assert op.ne("a", 1.0) is UNDEFINED
        assert op.lt(None, 1.0) is UNDEFINED
        assert calls == ["onErr", "onErr", "onErr"]
        assert proc.vars["error"] == Codes.INCOMPATIBLE_ARGUMENTS  # variable names are case-insensitive: stored lower-case
