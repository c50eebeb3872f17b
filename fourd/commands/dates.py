"""Date and time commands, and the date/time formats of ``String``.

Pages: commands/current-date.md, current-time.md, add-to-date.md, date.md,
time.md, milliseconds.md, tickcount.md, timestamp.md, commands-legacy/
year-of.md, month-of.md, day-of.md, day-number.md, time-string.md; formats
from commands/string.md, Project/date-time-formats.md and
FormObjects/properties_Display.md.

fourd behaves like 4D on a US English system, deterministically:

* the system short date format, used by ``String(date)`` without a format
  and by ``Date(text)`` for non-ISO text, is ``MM/DD/YYYY`` — the example
  ``String(!2023-11-27!)`` = "11/27/2023" of string.md; the null date shows
  as "00/00/00" as in date.md;
* month and day names are English; weeks in patterns (``w``, ``Y``, ``e``,
  ``c``) follow ISO 8601 (weeks start on Monday, week 1 holds January 4th),
  which is what the examples of date-time-formats.md show (17/03/1954 is in
  week 11, Tuesday is local day 2);
* the time zone is the machine's local time zone.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
import time as _time

from fourd.commands.arguments import ANY, DATE, LONGINT, command_with, incompatible
from fourd.runtime.conversions import to_longint, wrap_longint
from fourd.runtime.values import NULL_DATE, UNDEFINED, Date, Time

__all__ = ["format_date", "format_time", "format_pattern", "date_from_text", "time_from_text"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Date Display Formats (string.md)
SYSTEM_DATE_SHORT = 1
SYSTEM_DATE_ABBREVIATED = 2
SYSTEM_DATE_LONG = 3
INTERNAL_DATE_SHORT_SPECIAL = 4
INTERNAL_DATE_LONG = 5
INTERNAL_DATE_ABBREVIATED = 6
INTERNAL_DATE_SHORT = 7
ISO_DATE = 8
ISO_DATE_GMT = 9
DATE_RFC_1123 = 10
# Time Display Formats (string.md)
HH_MM_SS = 1
HH_MM = 2
HOUR_MIN_SEC = 3
HOUR_MIN = 4
HH_MM_AM_PM = 5
MM_SS = 6
MIN_SEC = 7
ISO_TIME = 8
SYSTEM_TIME_SHORT = 9
SYSTEM_TIME_LONG_ABBREVIATED = 10
SYSTEM_TIME_LONG = 11
# "Blank if null date" / "Blank if null time": added to a format constant.
BLANK_IF_NULL = 100

SECONDS_PER_DAY = 86400


# --- time zone -----------------------------------------------------------------

def _local_datetime(date: Date, seconds: int) -> _dt.datetime:
    """The aware local datetime of *date* at *seconds* after its midnight."""
    midnight = _dt.datetime(date.year, date.month, date.day)
    return (midnight + _dt.timedelta(seconds=seconds)).astimezone()


def _utc_offset(date: Date, seconds: int) -> int:
    """The local time zone's offset from UTC in seconds at that local time."""
    return int(_local_datetime(date, seconds).utcoffset().total_seconds())


def _today() -> Date:
    return Date.from_pydate(_dt.date.today())


# --- named formats ---------------------------------------------------------------

def _short(date: Date, two_digit_year: bool = False) -> str:
    year = date.year
    if two_digit_year and 1930 <= year <= 2029:
        return f"{date.month:02d}/{date.day:02d}/{year % 100:02d}"
    return f"{date.month:02d}/{date.day:02d}/{year:04d}"


def _weekday(date: Date) -> str:
    return DAYS[date.to_pydate().weekday()]


def _iso(date: Date, seconds: int) -> str:
    return f"{date.iso()}T{_clock(seconds)}"


def _clock(seconds: int) -> str:
    """HH:MM:SS within a day."""
    seconds %= SECONDS_PER_DAY
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _in_utc(date: Date, seconds: int) -> _dt.datetime:
    return _local_datetime(date, seconds).astimezone(_dt.timezone.utc)


_DATE_FORMATS = {
    SYSTEM_DATE_SHORT: lambda d, s: _short(d),
    SYSTEM_DATE_ABBREVIATED: lambda d, s: f"{_weekday(d)[:3]}, {MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    SYSTEM_DATE_LONG: lambda d, s: f"{_weekday(d)}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
    INTERNAL_DATE_SHORT_SPECIAL: lambda d, s: _short(d, two_digit_year=True),
    INTERNAL_DATE_LONG: lambda d, s: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    INTERNAL_DATE_ABBREVIATED: lambda d, s: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    INTERNAL_DATE_SHORT: lambda d, s: _short(d),
    ISO_DATE: _iso,
    ISO_DATE_GMT: lambda d, s: _in_utc(d, s).strftime("%Y-%m-%dT%H:%M:%SZ"),
    DATE_RFC_1123: lambda d, s: _rfc_1123(_in_utc(d, s)),
}


def _rfc_1123(moment: _dt.datetime) -> str:
    # English names whatever the C locale, hence no %a/%b.
    return (f"{DAYS[moment.weekday()][:3]}, {moment.day:02d} {MONTHS[moment.month - 1][:3]} "
            f"{moment.year:04d} {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} GMT")


def _null_date_text(code: int, seconds: int) -> str:
    """A null date in a named format: zeros where the format is numeric."""
    if code in (SYSTEM_DATE_SHORT, INTERNAL_DATE_SHORT_SPECIAL, INTERNAL_DATE_SHORT):
        return "00/00/00"
    if code == ISO_DATE:
        return f"0000-00-00T{_clock(seconds)}"
    return ""


def format_date(date: Date, fmt: int | str | None = None, add_time: Time | None = None) -> str:
    """``String(date {; format {; addTime}})``: a named format (an Integer
    constant, plus 100 for "Blank if null date") or a pattern (Text)."""
    seconds = add_time.seconds if add_time is not None else 0
    if isinstance(fmt, str):
        return "" if date.is_null else format_pattern(fmt, date, seconds)
    code = INTERNAL_DATE_SHORT if fmt is None else fmt
    blank_if_null = code >= BLANK_IF_NULL
    code %= BLANK_IF_NULL
    if code not in _DATE_FORMATS:
        code = INTERNAL_DATE_SHORT
    if date.is_null:
        return "" if blank_if_null else _null_date_text(code, seconds)
    return _DATE_FORMATS[code](date, seconds)


def _amount(count: int, unit: str) -> str:
    # "13 hours 0 minute" (time.md): the plural from 2 on.
    return f"{count} {unit}{'s' if count > 1 else ''}"


def _am_pm(seconds: int) -> str:
    hours = seconds // 3600 % 24
    return f"{(hours + 11) % 12 + 1}:{seconds // 60 % 60:02d} {'PM' if hours >= 12 else 'AM'}"


_TIME_FORMATS = {
    HH_MM_SS: lambda s: Time(s).hms(),
    HH_MM: lambda s: Time(s).hms()[:-3],
    HOUR_MIN_SEC: lambda s: (f"{_amount(s // 3600, 'hour')} {_amount(s // 60 % 60, 'minute')} "
                             f"{_amount(s % 60, 'second')}"),
    HOUR_MIN: lambda s: f"{_amount(s // 3600, 'hour')} {_amount(s // 60 % 60, 'minute')}",
    HH_MM_AM_PM: _am_pm,
    MM_SS: lambda s: f"{s // 60:02d}:{s % 60:02d}",
    MIN_SEC: lambda s: f"{_amount(s // 60, 'minute')} {_amount(s % 60, 'second')}",
    ISO_TIME: lambda s: f"0000-00-00T{Time(s).hms()}",
    # The system formats are HH:MM:SS: the long ones differ on macOS only.
    SYSTEM_TIME_SHORT: lambda s: Time(s).hms(),
    SYSTEM_TIME_LONG_ABBREVIATED: lambda s: Time(s).hms(),
    SYSTEM_TIME_LONG: lambda s: Time(s).hms(),
}


def format_time(time: Time, fmt: int | str | None = None) -> str:
    """``String(time {; format})``: a named format (plus 100 for "Blank if
    null time") or a pattern. Times may exceed 24 hours."""
    seconds = time.seconds
    if isinstance(fmt, str):
        return format_pattern(fmt, _today(), seconds)
    code = HH_MM_SS if fmt is None else fmt
    if code >= BLANK_IF_NULL and seconds == 0:
        return ""
    code %= BLANK_IF_NULL
    render = _TIME_FORMATS.get(code, _TIME_FORMATS[HH_MM_SS])
    return "-" + render(-seconds) if seconds < 0 else render(seconds)


# --- patterns (Project/date-time-formats.md) -------------------------------------

_ORDINALS = ("1st", "2nd", "3rd", "4th")
_PATTERN_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.S)


class _Moment:
    """A date and a time of day, with what the pattern fields need."""

    def __init__(self, date: Date, seconds: int):
        self.date = date.to_pydate()
        self.seconds = seconds % SECONDS_PER_DAY
        self.hour = self.seconds // 3600
        self.offset = _utc_offset(date, seconds)


def _number(value: int, width: int) -> str:
    return f"{value:0{width}d}"


def _text_field(width: int, wide: str, short: str, narrow: str, numeric: str) -> str:
    """Fields spelled by width: 1-2 a number, 3 short, 4 wide, 5 narrow."""
    if width <= 2:
        return numeric
    return {3: short, 4: wide}.get(width, narrow)


def _month(m: _Moment, width: int) -> str:
    name = MONTHS[m.date.month - 1]
    return _text_field(width, name, name[:3], name[0], _number(m.date.month, width))


def _weekday_name(m: _Moment, width: int) -> str:
    name = DAYS[m.date.weekday()]
    if width == 6:
        return name[:2]
    return {4: name, 5: name[0]}.get(width, name[:3])


def _local_weekday(m: _Moment, width: int) -> str:
    if width <= 2:
        return _number(m.date.isoweekday(), width)
    return _weekday_name(m, width)


def _quarter(m: _Moment, width: int) -> str:
    quarter = (m.date.month - 1) // 3 + 1
    return _text_field(width, f"{_ORDINALS[quarter - 1]} quarter", f"Q{quarter}", str(quarter),
                       _number(quarter, width))


def _year(year: int, width: int) -> str:
    return _number(year % 100, 2) if width == 2 else _number(year, width)


def _period(m: _Moment, width: int) -> str:
    name = "PM" if m.hour >= 12 else "AM"
    return name[0].lower() if width == 5 else name


def _day_period(m: _Moment, width: int) -> str:
    """``b``: midnight and noon exactly, otherwise AM/PM."""
    if m.seconds == 0:
        short, wide, narrow = "mid.", "midnight", "mi"
    elif m.seconds == 43200:
        short, wide, narrow = "noon", "noon", "n"
    else:
        return _period(m, width)
    return {4: wide, 5: narrow}.get(width, short)


def _flexible_period(m: _Moment, width: int) -> str:
    """``B``: the English (CLDR) day periods."""
    if m.seconds == 43200:
        return "noon"
    if 6 <= m.hour < 12:
        return "in the morning"
    if 12 <= m.hour < 18:
        return "in the afternoon"
    if 18 <= m.hour < 21:
        return "in the evening"
    return "at night"


def _offset_parts(offset: int) -> tuple[str, int, int, int]:
    sign = "-" if offset < 0 else "+"
    offset = abs(offset)
    return sign, offset // 3600, offset // 60 % 60, offset % 60


def _gmt(m: _Moment, width: int) -> str:
    """``O``: GMT+1, GMT+5:30; ``OOOO`` (and ``zzzz``): GMT+01:00."""
    if m.offset == 0:
        return "GMT"
    sign, hours, minutes, _ = _offset_parts(m.offset)
    if width >= 4:
        return f"GMT{sign}{hours:02d}:{minutes:02d}"
    return f"GMT{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def _iso_offset(m: _Moment, width: int, zulu: bool) -> str:
    """``X``/``x``: ISO 8601 offsets, ``X`` writing Z for UTC."""
    if zulu and m.offset == 0:
        return "Z"
    sign, hours, minutes, seconds = _offset_parts(m.offset)
    if width == 1:
        return f"{sign}{hours:02d}" + (f"{minutes:02d}" if minutes else "")
    separator = ":" if width in (3, 5) else ""
    text = f"{sign}{hours:02d}{separator}{minutes:02d}"
    if width >= 4 and seconds:
        text += f"{separator}{seconds:02d}"
    return text


def _zone(m: _Moment, width: int) -> str:
    if width == 4:
        return _gmt(m, 4)
    return _iso_offset(m, 5 if width == 5 else 2, zulu=width == 5)


_FIELDS = {
    "G": lambda m, n: {4: "Anno Domini", 5: "A"}.get(n, "AD"),
    "y": lambda m, n: _year(m.date.year, n),
    "Y": lambda m, n: _year(m.date.isocalendar()[0], n),
    "u": lambda m, n: _number(m.date.year, n),
    "Q": _quarter,
    "q": _quarter,
    "M": _month,
    "L": _month,
    "w": lambda m, n: _number(m.date.isocalendar()[1], n),
    "d": lambda m, n: _number(m.date.day, n),
    "D": lambda m, n: _number(m.date.timetuple().tm_yday, n),
    "E": _weekday_name,
    "e": _local_weekday,
    "c": lambda m, n: _local_weekday(m, 1 if n == 2 else n),
    "a": _period,
    "b": _day_period,
    "B": _flexible_period,
    "h": lambda m, n: _number((m.hour + 11) % 12 + 1, n),
    "H": lambda m, n: _number(m.hour, n),
    "K": lambda m, n: _number(m.hour % 12, n),
    "k": lambda m, n: _number(m.hour or 24, n),
    "m": lambda m, n: _number(m.seconds // 60 % 60, n),
    "s": lambda m, n: _number(m.seconds % 60, n),
    "X": lambda m, n: _iso_offset(m, n, zulu=True),
    "x": lambda m, n: _iso_offset(m, n, zulu=False),
    "O": _gmt,
    "z": _zone,
}


def format_pattern(pattern: str, date: Date, seconds: int = 0) -> str:
    """*date* at *seconds* written with an ICU-style *pattern*.

    Letters are fields, text between single quotes is literal (``''`` is a
    quote), other characters are copied; spaces at both ends of the pattern
    are dropped. A pattern with a letter that is no field gives "" (ICU
    fails on it: date-time-formats.md).
    """
    moment = _Moment(date, seconds)
    out = []
    for match in _PATTERN_TOKEN.finditer(pattern.strip(" ")):
        token = match.group()
        if token[0] == "'":
            out.append(token[1:-1].replace("''", "'") if len(token) > 2 else "'")
        elif match.group(1):
            field = _FIELDS.get(token[0])
            if field is None:
                return ""
            out.append(field(moment, len(token)))
        else:
            out.append(token)
    return "".join(out)


# --- parsing -------------------------------------------------------------------------

_ISO_DATE = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:T(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d*)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$")
# "The following characters are valid date separators: slash (/), space,
# period (.), comma (,), and dash (-)" — and date.md's "It was the 6/30, we
# were in 2016" shows that other text around the numbers is skipped.
_NUMBERS = re.compile(r"\d+")
# Two-digit years below 30 are in the 21st century (SET DEFAULT CENTURY default).
_CENTURY_PIVOT = 30


def _is_valid(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _date(year: int, month: int, day: int) -> Date:
    return Date(year, month, day) if _is_valid(year, month, day) else NULL_DATE


def _zoned_local_date(date: Date, seconds: int, zone: str) -> Date:
    """The local date of an ISO date-time given in UTC (Z) or with an offset."""
    if zone == "Z":
        offset = 0
    else:
        digits = zone[1:].replace(":", "")
        offset = int(digits[:2]) * 3600 + int(digits[2:4] or 0) * 60
        offset = -offset if zone[0] == "-" else offset
    moment = _dt.datetime(date.year, date.month, date.day, tzinfo=_dt.timezone.utc) \
        + _dt.timedelta(seconds=seconds - offset)
    return Date.from_pydate(moment.astimezone().date())


def date_from_text(text: str) -> Date:
    """``Date(text)``: ISO "YYYY-MM-DD{THH:MM:SS{.sss}{Z}}" or the system short
    format MM/DD/YY(YY); the null date when the text is no valid date."""
    iso = _ISO_DATE.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.group(1, 2, 3))
        date = _date(year, month, day)
        zone = iso.group(7)
        if zone and not date.is_null:
            seconds = int(iso.group(4)) * 3600 + int(iso.group(5)) * 60 + int(iso.group(6) or 0)
            return _zoned_local_date(date, seconds, zone)
        return date
    numbers = _NUMBERS.findall(text)
    if len(numbers) < 3:
        return NULL_DATE
    month, day, year = (int(n) for n in numbers[:3])
    if len(numbers[2]) <= 2:
        year += 2000 if year < _CENTURY_PIVOT else 1900
    return _date(year, month, day)


_MERIDIEM = re.compile(r"\b([AaPp])\.?\s*[Mm]\b\.?")


def time_from_text(text: str) -> Time:
    """``Time(text)``: "HH:MM{:SS}" with an optional AM/PM, or an ISO
    date-time/"ISO time" text (its time part); 00:00:00 when there is no number."""
    if "T" in text:
        text = text[text.index("T") + 1:]
    numbers = [int(n) for n in _NUMBERS.findall(text)[:3]]
    if not numbers:
        return Time(0)
    hours, minutes, seconds = (numbers + [0, 0])[:3]
    meridiem = _MERIDIEM.search(text)
    if meridiem and hours <= 12:
        hours %= 12
        if meridiem.group(1) in "Pp":
            hours += 12
    negative = text.lstrip().startswith("-")
    total = hours * 3600 + minutes * 60 + seconds
    return Time(-total if negative else total)


# --- commands ------------------------------------------------------------------------

@command_with("Current date", star=True)
def current_date(*, star: bool = False) -> Date:
    # With *, 4D Server's date: fourd has no server, its clock is the one.
    return _today()


@command_with("Current time", star=True)
def current_time(*, star: bool = False) -> Time:
    now = _dt.datetime.now()
    return Time(now.hour * 3600 + now.minute * 60 + now.second)


@command_with("Add to date", DATE, LONGINT, LONGINT, LONGINT)
def add_to_date(date: Date, years: int, months: int, days: int) -> Date:
    """Months overflowing the target month roll over into the next one
    (!2023-01-31! + 1 month = !2023-03-03!), as the ``+`` of days does;
    the null date stays null."""
    if date.is_null:
        return NULL_DATE
    month_index = date.month - 1 + months + 12 * years
    year, month = date.year + month_index // 12, month_index % 12 + 1
    if not 1 <= year <= 9999:
        return NULL_DATE
    first = Date(year, month, 1).ordinal()
    return Date.from_ordinal(first + date.day - 1 + days)


@command_with("Year of", DATE)
def year_of(date: Date) -> int:
    return date.year


@command_with("Month of", DATE)
def month_of(date: Date) -> int:
    return date.month


@command_with("Day of", DATE)
def day_of(date: Date) -> int:
    return date.day


@command_with("Day number", DATE)
def day_number(date: Date) -> int:
    """1 (Sunday) to 7 (Saturday); "Day number returns 2 for null dates"."""
    if date.is_null:
        return 2
    return date.to_pydate().isoweekday() % 7 + 1


@command_with("Date", ANY)
def date_(expression) -> Date:
    if type(expression) is Date:
        return expression
    if type(expression) is str:
        return date_from_text(expression)
    if expression is UNDEFINED or expression is None:
        return NULL_DATE
    return incompatible("Date", "a Text or a Date is expected")


@command_with("Time", ANY)
def time_(value) -> Time:
    kind = type(value)
    if kind is Time:
        return value
    if kind is str:
        return time_from_text(value)
    if kind is float or kind is int:
        return Time(to_longint(value))
    if value is UNDEFINED or value is None:
        return Time(0)
    return incompatible("Time", "a Text, a number or a Time is expected")


@command_with("Time string", LONGINT)
def time_string(seconds: int) -> str:
    """HH:MM:SS, hours going on past 24 (86401 gives "24:00:01")."""
    return Time(seconds).hms()


@command_with("Timestamp")
def timestamp() -> str:
    now = _dt.datetime.now(_dt.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


@command_with("Milliseconds")
def milliseconds() -> int:
    """Milliseconds since the machine started, a Longint that goes negative
    after about 24 days (milliseconds.md)."""
    return wrap_longint(_time.monotonic_ns() // 1_000_000)


@command_with("Tickcount")
def tickcount() -> int:
    """Ticks (1/60 s) since the machine started."""
    return wrap_longint(_time.monotonic_ns() * 60 // 1_000_000_000)
