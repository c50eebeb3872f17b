"""The 4D lexer: source text to tokens for the Lark LALR parser.

4D's lexical rules depend on context, so this is a hand-written, one-pass
scanner rather than Lark's regex lexer:

* names may contain spaces: command and constant names (``New collection``,
  ``Is object``) and also project methods and old process variables (``New
  OAuth2 provider``, Concepts/identifiers.md). Two words are never adjacent
  otherwise in 4D, so a name extends over the following words of the line;
  only ``Function get``/``set`` and modifier chains (``shared singleton``)
  keep their words apart;
* exported code carries tokens: ``Length:C16``, ``Is object:K8:27``,
  ``4D Remote mode:K5:5``, plugin commands ``Name:P1234:5`` — recognised
  even for names the catalog does not know; tables and fields too:
  ``[Invoices:3]Total Amount:7``;
* keywords (``If``, ``end if``) are keywords in any case, except after a
  ``.`` where every word is a property name (which may hold ``$``), and as
  object literal keys (``{if: 1}``);
* ``\\`` at the end of a line continues the statement on the next line,
  elsewhere it is integer division;
* a ``;`` ending a statement is ignored (4D keeps ``$o.run(); `` as written);
* constants written out may start with ``4D`` (``4D Server``, ``4D Remote
  mode``): there ``4D`` is not the class store;
* ``[[`` right after an operand opens a character reference (``$t[[1]]``);
* ``Begin SQL … End SQL`` is kept as one opaque token.

Newlines end statements: consecutive newlines (and comment-only lines) give
one ``_NL`` token, and the token stream always ends with one, then with the
``$END`` token the LALR tables expect.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .errors import FourDSyntaxError


class Token:
    """A token: its type (a terminal of grammar/fourd.lark), value and 1-based
    position. Lighter than ``lark.Token``, which the parser does not need."""

    __slots__ = ("type", "value", "line", "column")

    def __init__(self, type_: str, value, line: int, column: int):
        self.type = type_
        self.value = value
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r}, {self.line}, {self.column})"


# Keywords, by their lower-cased words joined by one space.
KEYWORDS = {
    "if": "IF", "else": "ELSE", "end if": "END_IF",
    "case of": "CASE_OF", "end case": "END_CASE",
    "for": "FOR", "end for": "END_FOR", "for each": "FOR_EACH", "end for each": "END_FOR_EACH",
    "while": "WHILE", "end while": "END_WHILE", "repeat": "REPEAT", "until": "UNTIL",
    "try": "TRY", "catch": "CATCH", "end try": "END_TRY", "use": "USE", "end use": "END_USE",
    "return": "RETURN", "break": "BREAK", "continue": "CONTINUE", "var": "VAR",
    "property": "PROPERTY", "function": "FUNCTION",
    "class constructor": "CLASS_CONSTRUCTOR", "class extends": "CLASS_EXTENDS",
    "begin sql": "BEGIN_SQL",
}
# Class member modifiers (Concepts/classes.md, ORDA/ordaClasses.md: exposed, local,
# onHTTPGet): words that are modifiers only when a member keyword follows.
MODIFIERS = {"shared", "singleton", "session", "exposed", "local", "server", "onhttpget"}
_MODIFIER_AHEAD = re.compile(
    r"[ \t]+(?:shared|singleton|session|exposed|local|server|onhttpget|function|class[ \t]+constructor)\b",
    re.IGNORECASE)
# A tokenized name never starts with these words: `return Current date:C33`.
_STATEMENT_WORDS = {"return", "if", "while", "until", "else", "case"}

# Control structures (Concepts/flow-control.md): the keyword opening each block,
# and the keyword closing it. Checked while scanning so that a misplaced or
# missing `End …` is reported with the opening keyword and its line.
_BLOCK_CLOSERS = {"IF": "END_IF", "CASE_OF": "END_CASE", "FOR": "END_FOR", "FOR_EACH": "END_FOR_EACH",
                  "WHILE": "END_WHILE", "REPEAT": "UNTIL", "TRY": "END_TRY", "USE": "END_USE"}
_BLOCK_OPENERS = {closer: opener for opener, closer in _BLOCK_CLOSERS.items()}
_SPELLING = {"IF": "If", "END_IF": "End if", "CASE_OF": "Case of", "END_CASE": "End case", "FOR": "For",
             "END_FOR": "End for", "FOR_EACH": "For each", "END_FOR_EACH": "End for each",
             "WHILE": "While", "END_WHILE": "End while", "REPEAT": "Repeat", "UNTIL": "Until",
             "TRY": "Try", "END_TRY": "End try", "USE": "Use", "END_USE": "End use", "ELSE": "Else",
             "CATCH": "Catch", "FUNCTION": "Function", "CLASS_CONSTRUCTOR": "Class constructor",
             "MODIFIER": "a class member"}
_MEMBER_STARTS = {"FUNCTION", "CLASS_CONSTRUCTOR", "MODIFIER"}
_CLOSING = {")": "(", "]": "[", "}": "{"}
_PUNCTUATION = {"(": "LPAR", ")": "RPAR", ";": "SEMICOLON"}

# Tokens after which the next token is in "operand ended" position.
_OPERAND_END = {"NAME", "TOKNAME", "LOCAL", "INTERPROCESS", "FIELD", "TABLE", "FOURD", "RPAR", "RSQB",
                "RBRACE", "STRING", "NUMBER", "HEXNUMBER", "DATE", "TIME"}

_WORD = re.compile(r"\w+")
_PROPERTY = re.compile(r"[\w$]+")
_MORE_WORDS = re.compile(r"(?:[ \t]+\w+)+")
_NEXT_WORD = re.compile(r"([ \t]+)(\w+)")
# Name:C123, Name:K8:27, Name:P1234:5. Names hold words (letters, digits, _ and the
# odd ' or .) separated by spaces.
_TOKENIZED = re.compile(r"([\w'.]+(?:[ \t]+[\w'.]+)*?):([CKP])(\d+)(?::(\d+))?(?![\w$])")
_FOURD = re.compile(r"4D(?::C1709)?(?!\w)")
_WORD_REST = re.compile(r"\w*")
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_HEX = re.compile(r"0[xX][0-9a-fA-F]+")
# Unrolled and possessive, so that matching a long literal keeps no backtracking
# state per character (the alternation form used ~140 bytes per character).
_STRING = re.compile(r'"([^"\\\r\n]*+(?:\\.[^"\\\r\n]*+)*+)"')
_DATE = re.compile(r"!([0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4})!")
_TIME = re.compile(r"\?(-?\d+:\d{1,2}(?::\d{1,2})?)\?")
# Variable names: word characters and any other non-ASCII character that is
# not a space or punctuation (public code names variables with emoji: `$🎩`).
_NAME_CHAR = r"(?:\w|[^\x00-\x7f\s\u00a0-\u00bf\u2000-\u206f\u3000-\u303f])"
_LOCAL = re.compile(rf"\$({_NAME_CHAR}+)")
_INTERPROCESS = re.compile(rf"<>({_NAME_CHAR}+)")
# [Table]Field, [Table:3]Field Name:7 and [Table:3] alone.
_FIELD = re.compile(r"\[([^\[\]\r\n\"$;:]+?)(?::\d+)?\]([^\W\d]\w*(?:[ \t]+\w+)*)(?::\d+)?(?![\w$])")
_TABLE = re.compile(r"\[([^\W\d][^\[\]\r\n\"$;:]*?):\d+\](?![\w$])")
_DECLARE = re.compile(r"#DECLARE\b", re.IGNORECASE)
_CONTINUATION = re.compile(r"\\[ \t]*(?://[^\r\n]*)?(?:\r\n|\r|\n)")
# What may follow the last token of a statement on its line.
_LINE_REST = re.compile(r"[ \t]*(?://[^\r\n]*)?(?:[\r\n]|$)")
# A comment line ending with `\` goes on over the next line, as code would: 4D
# keeps a commented-out continued statement as one comment.
_LINE_COMMENT = re.compile(r"//((?:[^\r\n]*\\(?:\r\n|\r|\n))*)[^\r\n]*")
_COMMENT_MARK = re.compile(r"/\*|\*/")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_END_SQL = re.compile(r"\bEnd[ \t]+SQL\b", re.IGNORECASE)
_NEWLINE = re.compile(r"\r\n|\r|\n")
_CALL_AHEAD = re.compile(r"[ \t]*(?:\(|:=)")
# Keywords that never take an argument list: followed by `(` or `:=` at the start
# of a statement, the word is a method or variable of that name (4D Mobile App
# has project methods named CATCH and Continue).
_BARE_KEYWORDS = {"ELSE", "CATCH", "REPEAT", "BREAK", "CONTINUE"}
# Keywords added to 4D after projects had methods of that name (4D View Pro calls
# its methods TRY, CATCH and FINALLY; 4D Mobile App has CATCH and Continue): they
# are keywords only where the structure they belong to can exist.
_LOOPS = {"FOR", "FOR_EACH", "WHILE", "REPEAT"}
_END_TRY = re.compile(r"\bEnd[ \t]+try\b", re.IGNORECASE)

# Multi-character operators first: the scanner tries them longest first.
_OPERATORS = [
    (":=", "ASSIGN"), ("+=", "COMPOUND_ASSIGN"), ("-=", "COMPOUND_ASSIGN"),
    ("*=", "COMPOUND_ASSIGN"), ("/=", "COMPOUND_ASSIGN"), ("->", "ARROW"), ("...", "ELLIPSIS"),
    ("<=", "BINOP"), (">=", "BINOP"), ("<<", "BINOP"), (">>", "BINOP"), ("?+", "BINOP"),
    ("?-", "BINOP"), ("??", "BINOP"), ("^|", "BINOP"), ("&&", "BINOP"), ("||", "BINOP"),
    ("*+", "BINOP"), ("*|", "BINOP"),     # picture scaling (Concepts/dt_picture.md)
    ("=", "BINOP"), ("#", "BINOP"), ("<", "BINOP"), (">", "BINOP"), ("/", "BINOP"),
    ("\\", "BINOP"), ("%", "BINOP"), ("^", "BINOP"), ("&", "BINOP"), ("|", "BINOP"),
    ("+", "PLUS"), ("-", "MINUS"), ("*", "STAR"),
    ("(", "LPAR"), (")", "RPAR"), ("[", "LSQB"), ("]", "RSQB"), ("{", "LBRACE"),
    ("}", "RBRACE"), (";", "SEMICOLON"), (":", "COLON"), (".", "DOT"), ("?", "QMARK"),
    (",", "COMMA"),     # only between the names of a `var` declaration (grammar)
]
_OPERATOR_TYPES: dict[str, list] = {}
for _text, _type in _OPERATORS:
    _OPERATOR_TYPES.setdefault(_text[0], []).append((_text, _type))


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset, frozenset]:
    """(every known multi-word name and keyword, every proper prefix of one),
    lower-cased with words joined by one space."""
    from . import catalog

    full = {name.lower() for name in catalog.multiword_names()}
    full.update(k for k in KEYWORDS if " " in k)
    prefixes = set()
    for name in full:
        words = name.split(" ")
        for i in range(1, len(words)):
            prefixes.add(" ".join(words[:i]))
    return frozenset(full), frozenset(prefixes)


def _name_swallows_words(spelled: str, kind: str, n1: int, n2: int | None) -> bool:
    """Whether the words *spelled* (lower-case) before the token ``:<kind><n1>``
    start with words that are not part of the name (`return Current date:C33`)."""
    from . import catalog

    if kind == "C":
        info = catalog.command_by_name(spelled)
        if info is not None and info.number == n1:
            return False
        info = catalog.command_by_number(n1)
    elif kind == "K" and n2 is not None:
        info = catalog.constant_by_token(n1, n2)
    else:
        info = None
    if info is not None:
        return spelled != info.name.lower() and spelled.endswith(" " + info.name.lower())
    return spelled.split(" ", 1)[0] in _STATEMENT_WORDS


def tokenize(text: str, path: str = "<string>"):
    """Yield Lark tokens for *text*; raise FourDSyntaxError on bad input."""
    return Scanner(text, path).tokens()


class Scanner:
    """One pass over a source text; :meth:`tokens` yields the tokens. The
    scanner keeps the last two tokens for the parser's error messages."""

    def __init__(self, text: str, path: str):
        if text.startswith("\ufeff"):
            text = text[1:]
        self.text = text
        self.path = path
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.last = "_NL"             # type of the last token emitted
        self.previous = None          # the token emitted before the last one
        self.current = None           # the last token emitted
        self.brackets = []            # open ( [ { of the current statement: (char, line, column)
        self.blocks = []              # open control structures: (keyword type, line, column)
        self._has_end_try = None

    def error(self, message: str, pos: int | None = None):
        pos = self.pos if pos is None else pos
        raise FourDSyntaxError(message, self.path, self.line, pos - self.line_start + 1, self.text)

    def token(self, type_: str, value, start: int, end: int) -> Token:
        col = start - self.line_start + 1
        tok = Token(type_, value, self.line, col)
        if self.last == "_NL":
            self.check_structure(type_, start, col)
        self.last = type_
        self.previous, self.current = self.current, tok
        return tok

    def end_of_statement(self, pos: int):
        """A newline outside a continuation: every bracket must be closed."""
        if self.brackets:
            char, line, col = self.brackets[-1]
            self.error(f"'{char}' opened at line {line}, column {col} is not closed", pos)

    def check_structure(self, type_: str, start: int, col: int):
        """Track the control structures opened and closed by statement keywords."""
        blocks = self.blocks
        if type_ in _BLOCK_CLOSERS:
            if type_ != "TRY" or not _CALL_AHEAD.match(self.text, start + 3):      # Try(expression)
                blocks.append((type_, self.line, col))
        elif type_ in _BLOCK_OPENERS:
            opener = _BLOCK_OPENERS[type_]
            if not blocks:
                self.error(f"'{_SPELLING[type_]}' without a matching '{_SPELLING[opener]}'", start)
            if blocks[-1][0] != opener:
                self.mismatch(_SPELLING[type_], start)
            blocks.pop()
        elif type_ == "ELSE" or type_ == "CATCH":
            allowed = ("IF", "CASE_OF") if type_ == "ELSE" else ("TRY",)
            if not blocks or blocks[-1][0] not in allowed:
                inside = " or ".join(f"'{_SPELLING[k]}'" for k in allowed)
                self.error(f"'{_SPELLING[type_]}' outside {inside}", start)
        elif type_ in _MEMBER_STARTS and blocks:
            self.mismatch("Function" if type_ != "CLASS_CONSTRUCTOR" else "Class constructor", start)

    def mismatch(self, found: str, pos: int):
        opener, line, col = self.blocks[-1]
        self.error(f"'{_SPELLING[opener]}' opened at line {line} is not closed: "
                   f"expected '{_SPELLING[_BLOCK_CLOSERS[opener]]}' before '{found}'", pos)

    def end_of_file(self):
        if self.blocks:
            opener, line, col = self.blocks[-1]
            # Point at the end of the last line that holds something.
            end = len(self.text.rstrip())
            self.line, self.line_start = 1, 0
            self.count_newlines(0, end)
            self.error(f"'{_SPELLING[opener]}' opened at line {line} has no "
                       f"'{_SPELLING[_BLOCK_CLOSERS[opener]]}' before the end of the file", end)

    def newline(self, end: int):
        self.line += 1
        self.line_start = end

    def count_newlines(self, start: int, end: int):
        """Advance line bookkeeping over a span that may contain newlines."""
        for m in _NEWLINE.finditer(self.text, start, end):
            self.newline(m.end())

    def tokens(self):
        text = self.text
        n = len(text)
        while self.pos < n:
            pos = self.pos
            ch = text[pos]
            # The most frequent tokens first: spaces, names, locals and the
            # punctuation no other token starts with.
            if ch in " \t\f\v\u00a0":
                self.pos = _SPACES.match(text, pos).end()
                continue
            if ch in _PUNCTUATION:
                if ch == "(":
                    self.brackets.append(("(", self.line, pos - self.line_start + 1))
                elif ch == ")":
                    self.close_bracket(ch, pos)
                elif not self.brackets and _LINE_REST.match(text, pos + 1):
                    # 4D accepts and keeps a `;` ending a statement (`$o.run(); `).
                    self.pos = pos + 1
                    continue
                self.pos = pos + 1
                yield self.token(_PUNCTUATION[ch], ch, pos, pos + 1)
                continue
            if ch.isalpha() or ch == "_":
                yield self.word(pos)
                continue
            if ch in "\r\n":
                end = pos + (2 if text.startswith("\r\n", pos) else 1)
                if self.last != "_NL":
                    self.end_of_statement(pos)
                    yield self.token("_NL", "\n", pos, pos)
                self.pos = end
                self.newline(end)
                continue
            if ch == "/" and text.startswith("//", pos):
                m = _LINE_COMMENT.match(text, pos)
                if m.group(1):
                    self.count_newlines(pos, m.end())
                self.pos = m.end()
                continue
            if ch == "/" and text.startswith("/*", pos):
                end = self.block_comment_end(pos)
                self.pos = end
                if "\n" in text[pos:end] or "\r" in text[pos:end]:
                    # A comment over several lines ends the statement, unless
                    # it sits between brackets.
                    if self.last != "_NL" and not self.brackets:
                        yield self.token("_NL", "\n", pos, pos)
                    self.count_newlines(pos, end)
                continue
            if ch == "\\":
                m = _CONTINUATION.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    self.newline(m.end())
                    continue
            if ch == '"':
                m = _STRING.match(text, pos)
                if m is None:
                    self.error("unterminated text literal: missing closing \"")
                self.pos = m.end()
                yield self.token("STRING", m.group(1), pos, m.end())
                continue
            if ch == "$":
                if self.last == "DOT":
                    yield self.property_name(pos)
                    continue
                m = _LOCAL.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("LOCAL", m.group(1), pos, m.end())
                elif text.startswith("${", pos):
                    self.brackets.append(("{", self.line, pos - self.line_start + 2))
                    self.pos = pos + 2
                    yield self.token("PARAM_OPEN", "${", pos, pos + 2)
                else:
                    self.error("a local variable name must follow $")
                continue
            if "0" <= ch <= "9" or (ch == "." and self.last not in _OPERAND_END and "0" <= text[pos + 1:pos + 2] <= "9"):
                yield self.number(pos)
                continue
            if ch == "!":
                m = _DATE.match(text, pos)
                if m is None:
                    self.error("invalid date literal (expected !YYYY-MM-DD!)")
                self.pos = m.end()
                yield self.token("DATE", m.group(1), pos, m.end())
                continue
            if ch == "?":
                m = _TIME.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("TIME", m.group(1), pos, m.end())
                    continue
            if ch == "<" and text.startswith("<<>", pos):
                # `$i<<>vMax` compares with an interprocess variable: not a shift.
                self.pos = pos + 1
                yield self.token("BINOP", "<", pos, pos + 1)
                continue
            if ch == "<" and text.startswith("<>", pos):
                m = _INTERPROCESS.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("INTERPROCESS", m.group(1), pos, m.end())
                    continue
            if ch == "#":
                m = _DECLARE.match(text, pos)
                if m is not None:
                    self.pos = m.end()
                    yield self.token("DECLARE", "#DECLARE", pos, m.end())
                    continue
            if ch == "[":
                if self.last in _OPERAND_END:
                    if text.startswith("[[", pos):
                        col = pos - self.line_start + 1
                        self.brackets += [("[", self.line, col), ("[", self.line, col + 1)]
                        self.pos = pos + 2
                        yield self.token("CHARREF", "[[", pos, pos + 2)
                        continue
                else:
                    m = _FIELD.match(text, pos)
                    if m is not None:
                        self.pos = m.end()
                        yield self.token("FIELD", (m.group(1).strip(), m.group(2)), pos, m.end())
                        continue
                    m = _TABLE.match(text, pos)
                    if m is not None:
                        self.pos = m.end()
                        yield self.token("TABLE", m.group(1).strip(), pos, m.end())
                        continue
            if ch in "([{":
                self.brackets.append((ch, self.line, pos - self.line_start + 1))
            elif ch in _CLOSING:
                self.close_bracket(ch, pos)
            for op, type_ in _OPERATOR_TYPES.get(ch, ()):
                if text.startswith(op, pos):
                    self.pos = pos + len(op)
                    yield self.token(type_, op, pos, self.pos)
                    break
            else:
                self.error(f"unexpected character {ch!r}")
        if self.last != "_NL":
            self.end_of_statement(self.pos)
            yield self.token("_NL", "\n", self.pos, self.pos)
        self.end_of_file()
        yield Token("$END", "", self.line, self.pos - self.line_start + 1)

    def block_comment_end(self, pos: int) -> int:
        """The end of the /* */ comment at *pos*: comment blocks nest
        (Concepts/quick-tour.md, Comments)."""
        depth = 0
        for m in _COMMENT_MARK.finditer(self.text, pos):
            depth += 1 if m.group() == "/*" else -1
            if depth == 0:
                return m.end()
        self.error("unterminated comment: /* has no closing */", pos)

    def close_bracket(self, char: str, pos: int):
        if not self.brackets:
            self.error(f"unexpected '{char}': no '{_CLOSING[char]}' is open", pos)
        opening, line, col = self.brackets.pop()
        if opening != _CLOSING[char]:
            self.error(f"'{char}' does not close the '{opening}' opened at line {line}, column {col}", pos)

    def number(self, pos: int) -> Token:
        text = self.text
        tok = self.tokenized(pos)         # 4D Remote mode:K5:5
        if tok is not None:
            return tok
        m = _FOURD.match(text, pos)
        if m is not None:
            end, name = self.known_name(pos, m.end(), "4d")
            if name != "4d":              # 4D Server, 4D Remote mode (constants written out)
                self.pos = end
                return self.token("NAME", text[pos:end], pos, end)
            self.pos = m.end()
            return self.token("FOURD", "4D", pos, m.end())
        m = _HEX.match(text, pos)
        if m is not None:
            self.pos = m.end()
            return self.token("HEXNUMBER", m.group(), pos, m.end())
        m = _NUMBER.match(text, pos)
        end = m.end()
        if end < len(text) and (text[end].isalpha() or text[end] == "_") and "." not in m.group():
            # Digits run into letters: a method name that starts with a digit
            # (identifiers.md allows it), e.g. 4D_Echo, 4DPop_init.
            word_end = _WORD_REST.match(text, end).end()
            self.pos = word_end
            return self.token("NAME", text[pos:word_end], pos, word_end)
        # "1.foo" is not a number followed by a member: leave the dot alone.
        if text[end - 1] == "." and end < len(text) and (text[end].isalpha() or text[end] == "_"):
            end -= 1
        self.pos = end
        return self.token("NUMBER", text[pos:end], pos, end)

    def property_name(self, pos: int) -> Token:
        """After a dot every word is a property name, keywords and ``$`` included."""
        end = _PROPERTY.match(self.text, pos).end()
        self.pos = end
        return self.token("NAME", self.text[pos:end], pos, end)

    def word(self, pos: int) -> Token:
        """A name, keyword or tokenized name starting at *pos*."""
        text = self.text
        if self.last == "DOT":
            return self.property_name(pos)
        tok = self.tokenized(pos)
        if tok is not None:
            return tok
        end = _WORD.match(text, pos).end()
        if self.last == "FUNCTION" or (self.last == "NAME" and self.previous is not None
                                       and self.previous.type == "FUNCTION"):
            # A function's name, even a keyword's (`Function get try()`).
            self.pos = end
            return self.token("NAME", text[pos:end], pos, end)
        end, lower = self.known_name(pos, end, text[pos:end].lower())
        keyword = KEYWORDS.get(lower)
        if keyword is not None and self.is_keyword(keyword, pos, end):
            return self.keyword(keyword, pos, end)
        if lower in MODIFIERS and _MODIFIER_AHEAD.match(text, end):
            self.pos = end
            return self.token("MODIFIER", lower, pos, end)
        if self.last != "FUNCTION":       # Function get name: three separate words
            more = _MORE_WORDS.match(text, end)
            if more is not None:
                end = more.end()
        self.pos = end
        return self.token("NAME", text[pos:end], pos, end)

    def known_name(self, pos: int, end: int, lower: str) -> tuple[int, str]:
        """The end and lower-case spelling of the longest known multi-word name
        (command, constant or keyword) that starts with the word *lower* ending
        at *end*; *end* and *lower* themselves when there is none."""
        full, prefixes = _names()
        if lower not in prefixes:
            return end, lower
        best_end, best = end, lower
        candidate, scan = lower, end
        while True:
            m = _NEXT_WORD.match(self.text, scan)
            if m is None:
                break
            candidate = candidate + " " + m.group(2).lower()
            if candidate not in prefixes and candidate not in full:
                break
            scan = m.end()
            if candidate in full:
                best_end, best = scan, candidate
        return best_end, best

    def is_keyword(self, keyword: str, pos: int, end: int) -> bool:
        """Whether a keyword's words ending at *end* are the keyword here, or a
        name: keywords start statements, and only a few follow other tokens
        (`For each (…) Until`, `shared Function`, `$x:=Try(…)`). Elsewhere
        the word names a method, a variable or an object key (`{if: 1}`)."""
        last = self.last
        if last == "_NL":
            if keyword in _BARE_KEYWORDS and _CALL_AHEAD.match(self.text, end):
                return False
            if keyword == "BREAK" or keyword == "CONTINUE":
                return any(block[0] in _LOOPS for block in self.blocks)
            if (keyword == "TRY" or keyword == "CATCH") and self.text[pos:end].isupper():
                # 4D writes the keywords Try and Catch; TRY or CATCH in a file with
                # no End try is a method (an unfinished REPL entry still opens a block).
                return _CALL_AHEAD.match(self.text, end) is not None or self.has_try_blocks()
            return True
        if keyword == "UNTIL" or keyword == "WHILE":
            return last == "RPAR" or last == "END_FOR_EACH"
        if keyword == "FUNCTION" or keyword == "CLASS_CONSTRUCTOR":
            return last == "MODIFIER"
        return keyword == "TRY" and _CALL_AHEAD.match(self.text, end) is not None

    def has_try_blocks(self) -> bool:
        """Whether the text holds an `End try` at all (looked up once)."""
        if self._has_end_try is None:
            self._has_end_try = _END_TRY.search(self.text) is not None
        return self._has_end_try

    def keyword(self, keyword: str, pos: int, end: int) -> Token:
        self.pos = end
        if keyword != "BEGIN_SQL":
            return self.token(keyword, self.text[pos:end], pos, end)
        m = _END_SQL.search(self.text, end)
        if m is None:
            self.error("Begin SQL has no matching End SQL", pos)
        tok = self.token("SQLBLOCK", self.text[end:m.start()], pos, m.end())
        self.count_newlines(end, m.end())
        self.pos = m.end()
        return tok

    def tokenized(self, pos: int) -> Token | None:
        """``Name:C123`` / ``Name:K8:27`` / ``Name:P1234:5`` at *pos*, as a TOKNAME
        whose value is (name, kind, n1, n2); None when there is none."""
        text = self.text
        colon = text.find(":", pos, pos + 160)
        if colon == -1:
            return None
        m = _TOKENIZED.match(text, pos)
        if m is None:
            return None
        name, kind, n1, n2 = m.group(1), m.group(2), int(m.group(3)), m.group(4)
        n2 = int(n2) if n2 is not None else None
        spelled = " ".join(name.split()).lower()
        if " " in spelled and _name_swallows_words(spelled, kind, n1, n2):
            return None
        self.pos = m.end()
        if kind == "C" and n1 == 1709:
            return self.token("FOURD", "4D", pos, m.end())
        keyword = KEYWORDS.get(spelled) if kind == "C" else None
        if keyword is not None and keyword != "BEGIN_SQL":
            return self.token(keyword, name, pos, m.end())
        return self.token("TOKNAME", (name, kind, n1, n2), pos, m.end())
