"""Date and time commands and formats (fourd/commands/dates.py), by doc page.

Pages: 4d-docs/commands/current-date.md, current-time.md, add-to-date.md,
date.md, time.md, milliseconds.md, tickcount.md, timestamp.md, string.md;
4d/docs docs/commands-legacy/year-of.md, month-of.md, day-of.md,
day-number.md, time-string.md; docs/Project/date-time-formats.md;
versioned_docs/version-21/FormObjects/properties_Display.md.
"""
import datetime as dt
import re
import time

import pytest
from command_calls import raises_code, run

from fourd.commands.dates import format_pattern
from fourd.commands.registry import STAR, lookup
from fourd.runtime.errors import Codes
from fourd.runtime.values import NULL_DATE, UNDEFINED, Date, Obj, Time


def hms(h, m=0, s=0) -> Time:
    return Time(h * 3600 + m * 60 + s)


@pytest.fixture
def paris(monkeypatch):
    """The French time zone of the docs' examples (UTC+1 in winter, +2 in summer)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- current-date.md, current-time.md, timestamp.md, milliseconds.md, tickcount.md ------

def test_current_date_and_time():
    before = dt.datetime.now()
    today, now = run("Current date"), run("Current time")
    after = dt.datetime.now()
    assert today in (Date.from_pydate(before.date()), Date.from_pydate(after.date()))
    assert type(now) is Time and 0 <= now.seconds < 86400  # "always between 00:00:00 and 23:59:59"
    seconds = lambda moment: moment.hour * 3600 + moment.minute * 60 + moment.second
    assert seconds(before) <= now.seconds <= seconds(after) or after.date() != before.date()
    assert run("Current date", STAR) in (today, Date.from_pydate(dt.date.today()))


def test_timestamp_format():
    stamp = run("Timestamp")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
    moment = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc)
    assert abs((dt.datetime.now(dt.timezone.utc) - moment).total_seconds()) < 5


def test_milliseconds_and_tickcount_measure_time():
    start_ms, start_ticks = run("Milliseconds"), run("Tickcount")
    time.sleep(0.05)
    elapsed_ms, elapsed_ticks = run("Milliseconds") - start_ms, run("Tickcount") - start_ticks
    assert type(start_ms) is int and type(start_ticks) is int
    assert 40 <= elapsed_ms < 1000
    assert 2 <= elapsed_ticks < 60


# --- add-to-date.md -------------------------------------------------------------------

def test_add_to_date_examples():
    today = Date(2023, 5, 17)
    assert run("Add to date", today, 1.0, 0.0, 0.0) == Date(2024, 5, 17)
    assert run("Add to date", today, 0.0, 1.0, 0.0) == Date(2023, 6, 17)
    assert run("Add to date", today, 0.0, 0.0, 1.0) == Date(2023, 5, 18)


def test_add_to_date_handles_month_and_year_lengths():
    assert run("Add to date", Date(2023, 12, 31), 0.0, 0.0, 1.0) == Date(2024, 1, 1)
    assert run("Add to date", Date(2023, 11, 15), 0.0, 3.0, 0.0) == Date(2024, 2, 15)
    assert run("Add to date", Date(2024, 3, 1), 0.0, 0.0, -1.0) == Date(2024, 2, 29)
    assert run("Add to date", Date(2023, 3, 15), -1.0, -14.0, 0.0) == Date(2021, 1, 15)


def test_add_to_date_overflowing_day_rolls_over():
    assert run("Add to date", Date(2023, 1, 31), 0.0, 1.0, 0.0) == Date(2023, 3, 3)
    assert run("Add to date", Date(2024, 2, 29), 1.0, 0.0, 0.0) == Date(2025, 3, 1)


def test_add_to_date_null_date_stays_null():
    assert run("Add to date", NULL_DATE, 1.0, 2.0, 3.0) == NULL_DATE


def test_add_to_date_out_of_range_gives_null_date():
    assert run("Add to date", Date(9999, 12, 31), 0.0, 0.0, 1.0) == NULL_DATE
    assert run("Add to date", Date(1, 1, 1), -1.0, 0.0, 0.0) == NULL_DATE


def test_add_to_date_needs_a_date():
    raises_code(Codes.TYPE_MISMATCH, "Add to date", "2023-01-01", 1.0, 0.0, 0.0)


# --- year-of.md, month-of.md, day-of.md, day-number.md (legacy) ----------------------------

def test_year_month_day_of_examples():
    assert run("Year of", Date(1992, 12, 25)) == 1992
    assert run("Year of", Date(1892, 12, 25)) == 1892
    assert run("Year of", Date(2092, 12, 25)) == 2092
    assert run("Month of", Date(1992, 12, 25)) == 12
    assert run("Day of", Date(1992, 12, 25)) == 25


def test_parts_of_null_date():
    assert (run("Year of", NULL_DATE), run("Month of", NULL_DATE), run("Day of", NULL_DATE)) == (0, 0, 0)


def test_day_number():
    assert run("Day number", Date(2023, 11, 26)) == 1  # Sunday
    assert run("Day number", Date(2023, 11, 27)) == 2  # Monday
    assert run("Day number", Date(2023, 12, 2)) == 7   # Saturday
    assert run("Day number", NULL_DATE) == 2           # "returns 2 for null dates"


# --- date.md ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("12/25/94", Date(1994, 12, 25)),
    ("40/40/94", NULL_DATE),
    ("It was the 6/30, we were in 2016", Date(2016, 6, 30)),
    ("2020-11-17T00:00:00.0000", Date(2020, 11, 17)),
    ("2013-06-05T20:00:00", Date(2013, 6, 5)),
    ("2013-11-20T10:20:00.9854", Date(2013, 11, 20)),
    ("2020-11-17", Date(2020, 11, 17)),
    ("13/35/94", NULL_DATE),
    ("aa/12/94", NULL_DATE),
    ("1.2.29", Date(2029, 1, 2)),
    ("1-2-30", Date(1930, 1, 2)),
    ("2 29 2023", NULL_DATE),
    ("", NULL_DATE),
])
def test_date_of_text(text, expected):
    assert run("Date", text) == expected


def test_date_of_undefined_date_and_others():
    assert run("Date", UNDEFINED) == NULL_DATE   # vdDate5:=Date($vobj.creationDate)
    assert run("Date", Date(2001, 2, 3)) == Date(2001, 2, 3)
    raises_code(Codes.TYPE_MISMATCH, "Date", 5.0)
    raises_code(Codes.TYPE_MISMATCH, "Date", Obj())


def test_date_of_utc_iso_text_is_local(paris):
    # dt_date.md: "Conversion using the Date command always takes the local time zone into account"
    assert run("Date", "2013-08-23T23:30:00Z") == Date(2013, 8, 24)
    assert run("Date", "2013-08-23T00:00:00Z") == Date(2013, 8, 23)
    assert run("Date", "2013-08-23T23:30:00+02:00") == Date(2013, 8, 23)


# --- time.md, time-string.md ---------------------------------------------------------------

def test_time_examples():
    assert run("Time", 10000.0) == hms(2, 46, 40)
    assert run("Time", float(60 * 60 + 20 * 60 + 5200)) == hms(2, 46, 40)
    assert run("String", run("Time", "13:00:00"), 4.0) == "13 hours 0 minute"  # Hour min


@pytest.mark.parametrize("text, expected", [
    ("13:00:00", hms(13)), ("1:00 PM", hms(13)), ("1:00 P.M.", hms(13)), ("12:30 AM", hms(0, 30)),
    ("12:30 PM", hms(12, 30)), ("08:15", hms(8, 15)), ("25:30:00", hms(25, 30)),
    ("0000-00-00T01:02:03", hms(1, 2, 3)), ("2013-11-20T10:20:00", hms(10, 20)),
    ("-01:00:00", Time(-3600)), ("abc", Time(0)), ("", Time(0)),
])
def test_time_of_text(text, expected):
    assert run("Time", text) == expected


def test_time_of_other_values():
    assert run("Time", UNDEFINED) == Time(0)
    assert run("Time", hms(1)) == hms(1)
    assert run("Time", 90.6) == Time(91)
    raises_code(Codes.TYPE_MISMATCH, "Time", True)


def test_time_string():
    assert run("Time string", 46800.0) == "13:00:00"
    assert run("Time string", 86401.0) == "24:00:01"
    assert run("Time string", hms(1, 2, 3)) == "01:02:03"
    assert run("Time string", 0.0) == "00:00:00"


# --- string.md: dates --------------------------------------------------------------------

@pytest.mark.parametrize("fmt, expected", [
    (None, "12/29/2006"),
    (1, "12/29/2006"),                    # System date short
    (2, "Fri, Dec 29, 2006"),             # System date abbreviated
    (3, "Friday, December 29, 2006"),     # System date long
    (4, "12/29/06"),                      # Internal date short special
    (5, "December 29, 2006"),             # Internal date long
    (6, "Dec 29, 2006"),                  # Internal date abbreviated
    (7, "12/29/2006"),                    # Internal date short
    (8, "2006-12-29T00:00:00"),           # ISO Date
    (107, "12/29/2006"),                  # + Blank if null date
])
def test_string_of_date_formats(fmt, expected):
    args = (Date(2006, 12, 29),) if fmt is None else (Date(2006, 12, 29), float(fmt))
    assert run("String", *args) == expected


def test_internal_date_short_special_outside_1930_2029():
    assert run("String", Date(1896, 12, 29), 4.0) == "12/29/1896"
    assert run("String", Date(2096, 12, 29), 4.0) == "12/29/2096"


def test_string_of_null_date():
    assert run("String", NULL_DATE) == "00/00/00"
    assert run("String", NULL_DATE, 7.0) == "00/00/00"
    assert run("String", NULL_DATE, 107.0) == ""
    assert run("String", NULL_DATE, 8.0) == "0000-00-00T00:00:00"


def test_string_of_date_gmt_formats(paris):
    assert run("String", Date(2023, 11, 27), 9.0) == "2023-11-26T23:00:00Z"   # ISO Date GMT
    assert run("String", Date(2010, 9, 13), 9.0) == "2010-09-12T22:00:00Z"
    assert run("String", Date(2010, 9, 9), 10.0) == "Wed, 08 Sep 2010 22:00:00 GMT"  # Date RFC 1123
    assert run("String", Date(2010, 9, 10), 10.0, hms(15, 7, 20)) == "Fri, 10 Sep 2010 13:07:20 GMT"
    assert run("String", Date(2010, 9, 9), 9.0, hms(10, 30, 41)) == "2010-09-09T08:30:41Z"


def test_string_of_date_iso_with_add_time():
    assert run("String", Date(2010, 9, 13), 8.0, hms(18, 11, 53)) == "2010-09-13T18:11:53"


def test_string_of_date_patterns(paris):
    assert run("String", Date(2023, 11, 27), "EEEE d MMMM y GGGG") == "Monday 27 November 2023 Anno Domini"
    assert run("String", Date(2023, 11, 27), "E dd/MM/yyyy zzzz") == "Mon 27/11/2023 GMT+01:00"
    assert run("String", Date(2023, 11, 27), "E dd/MM/yyyy 'at' hh:mm aa O", hms(11, 15)) == \
        "Mon 27/11/2023 at 11:15 AM GMT+1"


# --- string.md: times ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt, expected", [
    (None, "01:02:03"),
    (1, "01:02:03"),                       # HH MM SS
    (2, "01:02"),                          # HH MM
    (3, "1 hour 2 minutes 3 seconds"),     # Hour min sec
    (4, "1 hour 2 minutes"),               # Hour min
    (5, "1:02 AM"),                        # HH MM AM PM
    (6, "62:03"),                          # MM SS
    (7, "62 minutes 3 seconds"),           # Min sec
    (8, "0000-00-00T01:02:03"),            # ISO time
    (9, "01:02:03"),                       # System time short
])
def test_string_of_time_formats(fmt, expected):
    args = (hms(1, 2, 3),) if fmt is None else (hms(1, 2, 3), float(fmt))
    assert run("String", *args) == expected


def test_string_of_time_examples():
    assert run("String", hms(17, 30, 45), 5.0) == "5:30 PM"
    assert run("String", hms(17, 30, 45), 3.0) == "17 hours 30 minutes 45 seconds"
    assert run("String", hms(17, 30, 45), "'It is' K a") == "It is 5 PM"
    assert run("String", hms(4, 30, 25), 6.0) == "270:25"   # properties_Display.md


def test_string_of_time_beyond_24_hours_and_null():
    assert run("String", hms(100, 0, 1)) == "100:00:01"
    assert run("String", Time(0), 101.0) == ""             # Blank if null time
    assert run("String", Time(0), 1.0) == "00:00:00"
    assert run("String", hms(0, 5), 5.0) == "12:05 AM"


def test_string_of_time_pattern_with_zone(paris):
    assert run("String", hms(17, 30, 45), "hh:mm aa O") in ("05:30 PM GMT+1", "05:30 PM GMT+2")


# --- date-time-formats.md -------------------------------------------------------------------

@pytest.mark.parametrize("date, seconds, pattern, expected", [
    (Date(2000, 6, 15), 0, "QQQQ", "2nd quarter"),
    (Date(2001, 3, 17), 0, "D", "76"),
    (Date(1954, 3, 17), 0, "w", "11"),
    (Date(1954, 3, 17), 0, "eeee", "Wednesday"),
    (Date(2000, 1, 1), 15 * 3600, "a", "PM"),
    (Date(2000, 1, 1), 18 * 3600, "K a", "6 PM"),
    (Date(2000, 1, 1), 15 * 3600 + 30 * 60, "HH 'hours and' mm 'minutes'", "15 hours and 30 minutes"),
    (Date(2000, 1, 1), 9 * 3600 + 10 * 60 + 25, " HH : mm : ss ", "09 : 10 : 25"),
    (Date(2000, 1, 1), 9 * 3600 + 10 * 60 + 25, "' 'HH : mm : ss' '", " 09 : 10 : 25 "),
    (Date(1996, 9, 3), 0, "G GGGG GGGGG yy y yyyy yyyyyy", "AD Anno Domini A 96 1996 1996 001996"),
    (Date(1996, 9, 3), 0, "M MM MMM MMMM MMMMM L LLLL", "9 09 Sep September S 9 September"),
    (Date(1996, 9, 3), 0, "d dd E EEEE EEEEE EEEEEE e ee c", "3 03 Tue Tuesday T Tu 2 02 2"),
    (Date(1996, 9, 3), 0, "Q QQ QQQ q", "3 03 Q3 3"),
    (Date(1996, 9, 3), 0, "h hh H HH K k", "12 12 0 00 0 24"),
    (Date(1996, 9, 3), 13 * 3600 + 4 * 60 + 5, "h:m:s H:mm:ss", "1:4:5 13:04:05"),
    (Date(1996, 9, 3), 0, "'o''clock' ''", "o'clock '"),
    (Date(2010, 1, 2), 0, "Y w", "2009 53"),
    (Date(1996, 9, 3), 12 * 3600, "b bbbb B", "noon noon noon"),
    (Date(1996, 9, 3), 20 * 3600, "b B", "PM in the evening"),
    (Date(1996, 9, 3), 0, "J", ""),   # not a pattern letter: ICU fails
])
def test_patterns(date, seconds, pattern, expected):
    assert format_pattern(pattern, date, seconds) == expected


@pytest.mark.parametrize("pattern, expected", [
    ("O", "GMT+1"), ("OOOO", "GMT+01:00"), ("z", "+0100"), ("zzzz", "GMT+01:00"), ("zzzzz", "+01:00"),
    ("X", "+01"), ("XX", "+0100"), ("XXX", "+01:00"), ("x", "+01"), ("xxx", "+01:00"),
])
def test_time_zone_patterns(paris, pattern, expected):
    assert format_pattern(pattern, Date(2023, 1, 10), 0) == expected


def test_time_zone_patterns_in_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert [format_pattern(p, Date(2023, 1, 10)) for p in ("O", "X", "XXX", "x", "zzzz")] == \
            ["GMT", "Z", "Z", "+00", "GMT"]
    finally:
        monkeypatch.undo()
        time.tzset()


def test_date_commands_are_registered():
    for name in ("Current date", "Current time", "Add to date", "Year of", "Month of", "Day of",
                 "Day number", "Date", "Time", "Time string", "Timestamp", "Milliseconds", "Tickcount"):
        assert lookup(name) is not None, name
