"""Division by zero: a Real result is infinite (commands/string.md), an
Integer division or a modulo by zero is an error."""


def test_real_division_by_zero_is_infinite(fourd):
    """commands/string.md: String(1/0) is "INF", String(-1/0) is "-INF"."""
    assert fourd.value('[String(1/0); String(-1/0)]') == ["INF", "-INF"]


def test_integer_division_by_zero_is_still_an_error(fourd):
    assert fourd.value('Try(1\\0)=Null') is True
