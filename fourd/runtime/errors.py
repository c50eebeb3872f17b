"""4D errors: one exception type that travels through compiled code.

A 4D error has a code, a message and a component signature (``4DRT`` for
the runtime, ``host`` for ``throw`` in user code…). ``where`` is filled in
as the error unwinds through compiled 4D code: method/class name, file and
4D line.

Code that detects an error calls :func:`fail`. Whether that raises depends
on the process's error-handling context, exactly as in 4D:

* inside ``Try``/``Try(...)``: the error is raised and unwinds to it;
* with an ``ON ERR CALL`` method installed: the method is called and
  execution *resumes* after the failing operation — so ``fail`` returns
  (``UNDEFINED``) and callers must write ``return fail(...)``;
* otherwise the error is raised and ends the process's current job, being
  reported with its 4D location.
"""
from __future__ import annotations


class FourDError(Exception):
    """A 4D runtime error (the error stack travels with it)."""

    def __init__(self, code: int, message: str, component: str = "4DRT", *, stack=None, deferred=False):
        super().__init__(message)
        self.code = code
        self.message = message
        self.component = component
        self.deferred = deferred
        # Each entry: (code, message, component, extra dict or None)
        self.stack = stack if stack is not None else [(code, message, component, None)]
        # (method name, file path, line) of the 4D code where it was raised.
        self.where: tuple[str, str, int] | None = None

    def __str__(self) -> str:
        return f"Error {self.code}: {self.message}"

    def describe(self) -> str:
        """One line for users: ``path:line: [method] Error -10 (4DRT): message``."""
        prefix = ""
        if self.where:
            method, path, line = self.where
            prefix = f"{path}:{line}: in {method}: " if path else f"{method}, line {line}: "
        return f"{prefix}Error {self.code} ({self.component}): {self.message}"


class InterruptRequest(BaseException):
    """Raised into running 4D code to abort it (Ctrl-C, ABORT, KILL WORKER).

    A BaseException so that ``Try``/``Catch`` in 4D code never swallow it.
    """


def fail(code: int, message: str, component: str = "4DRT"):
    """Signal a 4D error from runtime or command code. See the module doc."""
    from .process import current_process  # late: process imports this module
    return current_process().signal(FourDError(code, message, component))


def incompatible(name: str, what: str):
    """Signal error 54 for an argument of *name* (a command, ``4D.X.new``…) that has the wrong type."""
    return fail(Codes.TYPE_MISMATCH, f"Argument types are incompatible: {name}: {what}")


def as_4d_error(exc: BaseException) -> FourDError:
    """A FourDError for any exception raised by 4D code (our own bugs included)."""
    if isinstance(exc, FourDError):
        return exc
    if isinstance(exc, RecursionError):
        return FourDError(Codes.STACK_OVERFLOW, "Stack overflow: too many nested calls")
    if isinstance(exc, MemoryError):
        return FourDError(Codes.MEMORY, "Not enough memory")
    return FourDError(Codes.INTERNAL, f"internal error in fourd: {type(exc).__name__}: {exc}")


# 4D error codes used across the runtime. Each is 4D's own number, from the
# page named beside it; add new ones here, never inline.
class Codes:
    MEMORY = -108                     # SET BLOB SIZE: not enough memory
    ASSERT_FAILED = -10518            # ASSERT: "Assert failed: ..."
    ERROR_HANDLER_NOT_CALLABLE = -10532  # preemptive.md
    LOCAL_IN_FORMULA_STRING = -10737  # Formula from string
    INVALID_CLASS = -10745            # OB Instance of: not a class object
    # 4D's "Syntax Errors (1 -> 81)" list; no page of 4d/docs gives these numbers
    # (messages as 4D v20 prints them, cross-checked against 4D project code):
    INCOMPATIBLE_ARGUMENTS = 15       # "This operation is not compatible with the two arguments."
    TYPE_MISMATCH = 54                # "Argument types are incompatible." (assignment, parameters)
    BOOLEAN_EXPECTED = 55             # "A Boolean argument was expected." (If, While, Until...)
    # Runtime checks (kb.4d.com 11713 lists them in this order, 77849 numbers them -2000x):
    DIVISION_BY_ZERO = -20011         # "Division by zero"
    MODULO_BY_ZERO = -20012           # "Modulo by zero"
    # Blobs, shared objects, JSON (objects/blob/json commands, runtime.shared):
    BLOB_OUT_OF_RANGE = -111          # BLOB to integer/longint/real: offset past the end
    # No doc page numbers the next errors. -10721 and its message (quoted by
    # blog.4d.com, "Objects Corner: easy sharing") are recalled from 4D's 4DRT
    # list; -10723, -10724 and -10733 are placeholders in that range until
    # checked against a real 4D.
    SHARED_UNSUPPORTED_VALUE = -10721  # "Not supported value type in a shared object or shared collection"
    SHARED_NOT_IN_USE = -10723        # modifying a shared object/collection outside Use...End use
    SHARED_OTHER_GROUP = -10724       # shared object/collection already in another shared group
    JSON_INVALID = -10733             # JSON Parse: malformed JSON (number not documented)
    # Object access and calls (runtime.access, compiled code). 4D reports these
    # in its 4DRT range; the exact numbers are not on any doc page: placeholders
    # to check against a real 4D.
    NOT_AN_OBJECT = -10729            # member access on a value that is not an object
    NULL_ACCESS = -10738              # property or function of Null
    UNKNOWN_FUNCTION = -10741         # unknown member function / method
    BAD_INDEX = -10731                # collection index not a number / negative
    READ_ONLY_PROPERTY = -10742       # assigning a read-only (computed) property
    CHAR_INDEX = -10603               # text[[i]] out of range
    UNKNOWN_METHOD = -10719           # calling a project method that does not exist
    UNSUPPORTED_COMMAND = -10720      # a 4D command fourd does not implement
    STACK_OVERFLOW = -10700           # too deep recursion
    INTERNAL = -10999                 # a bug in fourd itself (message says so)
    TEST_SKIPPED = -10998             # fourd only: skipTest() ended a test (docs/TESTING.md)
    # collection.query()/indices() (api.collection_query):
    QUERY_NOT_TEXT = 1626             # "Expecting a text or formula" (API/DataClassClass.md, query())
    QUERY_SYNTAX = -10746             # invalid query string: no page numbers it (placeholder)
    # Match regex: match-regex.md says an invalid pattern raises an error but
    # not its number; 4D's regex engine is ICU, whose U_REGEX_RULE_SYNTAX this is.
    REGEX_SYNTAX = 66305
    # Files and folders (api.files, api.file_handle, api.zip, commands.documents): the OS file
    # manager codes 4D reports. test-path-name.md gives -43, FolderClass.md .delete() gives
    # -47, -120, -45 (macOS) and -54 (Windows); the others are the classic file manager's
    # numbers 4D passes through (no doc page lists them).
    FILE_NOT_FOUND = -43              # "File not found"
    FOLDER_NOT_FOUND = -120           # "Directory not found"
    FOLDER_NOT_EMPTY = -47            # Folder.delete(Delete only if empty) on a non-empty folder
    FILE_LOCKED = -45                 # "The file is locked"
    PERMISSION_DENIED = -54           # "Attempt to open locked file for writing" (no access)
    DUPLICATE_NAME = -48              # "Duplicate filename" (the destination exists)
    INVALID_PATH = -37                # "Bad filename": invalid name or pathname syntax
    IO_ERROR = -36                    # "I/O error" (also a damaged ZIP archive)
    DISK_FULL = -34                   # "Disk full"
    FILE_IN_USE = -49                 # "File already open with write permission"
    END_OF_FILE = -39                 # "End of file" (RECEIVE PACKET past the end)
    BAD_DOCUMENT_REFERENCE = -51      # "Reference number invalid" (a closed DocRef)
    # No doc page numbers these: placeholders in 4D's 4DRT range until checked.
    UNKNOWN_CHARSET = -10747          # getText/setText/open() with a charset 4D does not know
    ZIP_PASSWORD = -10748             # ZIP Read archive: missing or wrong password
    # XML DOM (commands.xml_dom). 4D's "Database Engine Errors" list (v11 to
    # v16 docs) numbers its XML errors from -9911 ("Parser fault") to -9922;
    # each code below is the entry whose text fits. -9929 and -9930 are
    # placeholders in that range until checked against a real 4D.
    XML_PARSE = -9911                 # "Parser fault": malformed or invalid XML
    XML_INVALID_REFERENCE = -9915     # "The document's reference is invalid."
    XML_ARRAY_TYPE = -9917            # "The type of the array passed in parameter is invalid."
    XML_INVALID_NAME = -9918          # "The name of the element is invalid."
    XML_NODE_TYPE = -9920             # "The type of the node is invalid"
    XML_INVALID_XPATH = -9929         # an XPath 4D cannot evaluate (placeholder)
    XML_NO_ATTRIBUTE = -9930          # no attribute of that name / index (placeholder)
