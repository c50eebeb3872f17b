"""4D's user-interface commands, headless.

fourd has no screen, keyboard, windows, forms, menus or printer. So that code
which merely mentions these commands still loads and runs, every command of
4D's user-interface themes (the ``docs/commands/theme/*.md`` pages named
below) is registered here, once, by one mechanism: calling it is the 4D error
:data:`NOT_HEADLESS`, catchable with ``Try`` or ``ON ERR CALL``, naming the
command and its theme.

Where 4D documents a result outside of any form, the command gives it
instead: ``Form`` is Null ("the object associated with the current form, if
any", form.md: code run outside a form tests ``Form=Null``), ``Form event
code`` is 0 (no event), ``Current form table`` is a Nil pointer (no table
form). ``MESSAGES OFF``/``MESSAGES ON`` only hide or show 4D's progress
windows, which do not exist here: they are accepted. The modifier keys and
the pasteboard are in ``commands.environment``.
"""
from __future__ import annotations

from fourd.commands.arguments import command_with
from fourd.commands.registry import command
from fourd.runtime.errors import Codes, fail

#: The error of a user-interface command (fourd's "not supported" code).
NOT_HEADLESS = Codes.UNSUPPORTED_COMMAND

#: Theme page -> its commands that need a user interface.
THEMES = {
    "Data Entry": """ACCEPT|ADD RECORD|CANCEL|DIALOG|Modified|MODIFY RECORD|Old|REJECT""",
    "Drag and Drop": """Drop position|SET DRAG ICON""",
    "Entry Control": """EDIT ITEM|FILTER KEYSTROKE|Get edited text|GET HIGHLIGHT|GOTO OBJECT|
        HIGHLIGHT TEXT|Is editing text|Keystroke""",
    "Form Events": """Activated|After|Before|CALL FORM|CALL SUBFORM CONTAINER|Clickcount|Contextual click|
        Deactivated|EXECUTE METHOD IN SUBFORM|FORM Event|In break|In footer|In header|Is waiting mouse up|
        Outside call|POST OUTSIDE CALL|Right click|SET TIMER""",
    "Forms": """Current form name|FORM Convert to dynamic|FORM FIRST PAGE|FORM Get color scheme|
        FORM Get current page|FORM GET ENTRY ORDER|FORM GET HORIZONTAL RESIZING|FORM GET OBJECTS|
        FORM GET PROPERTIES|FORM GET VERTICAL RESIZING|FORM GOTO PAGE|FORM LAST PAGE|FORM LOAD|FORM NEXT PAGE|
        FORM PREVIOUS PAGE|FORM SCREENSHOT|FORM SET ENTRY ORDER|FORM SET HORIZONTAL RESIZING|FORM SET INPUT|
        FORM SET OUTPUT|FORM SET SIZE|FORM SET VERTICAL RESIZING|FORM UNLOAD""",
    "Graphs": """GRAPH|GRAPH SETTINGS""",
    "Hierarchical Lists": """APPEND TO LIST|CLEAR LIST|Copy list|Count list items|DELETE FROM LIST|Find in list|
        GET LIST ITEM|Get list item font|GET LIST ITEM ICON|GET LIST ITEM PARAMETER|
        GET LIST ITEM PARAMETER ARRAYS|GET LIST ITEM PROPERTIES|GET LIST PROPERTIES|INSERT IN LIST|Is a list|
        List item parent|List item position|LIST OF CHOICE LISTS|Load list|New list|SAVE LIST|
        SELECT LIST ITEMS BY POSITION|SELECT LIST ITEMS BY REFERENCE|Selected list items|SET LIST ITEM|
        SET LIST ITEM FONT|SET LIST ITEM ICON|SET LIST ITEM PARAMETER|SET LIST ITEM PROPERTIES|
        SET LIST PROPERTIES|SORT LIST""",
    "List Box": """LISTBOX COLLAPSE|LISTBOX DELETE COLUMN|LISTBOX DELETE ROWS|LISTBOX DUPLICATE COLUMN|
        LISTBOX EXPAND|LISTBOX Get array|LISTBOX GET ARRAYS|LISTBOX Get auto row height|
        LISTBOX GET CELL COORDINATES|LISTBOX GET CELL POSITION|LISTBOX Get column formula|
        LISTBOX Get column width|LISTBOX Get footer calculation|LISTBOX Get footers height|LISTBOX GET GRID|
        LISTBOX GET GRID COLORS|LISTBOX Get headers height|LISTBOX GET HIERARCHY|LISTBOX Get locked columns|
        LISTBOX Get number of columns|LISTBOX Get number of rows|LISTBOX GET OBJECTS|
        LISTBOX GET PRINT INFORMATION|LISTBOX Get property|LISTBOX Get row color|
        LISTBOX Get row color as number|LISTBOX Get row font style|LISTBOX Get row height|
        LISTBOX Get rows height|LISTBOX Get static columns|LISTBOX GET TABLE SOURCE|LISTBOX INSERT COLUMN|
        LISTBOX INSERT COLUMN FORMULA|LISTBOX INSERT ROWS|LISTBOX MOVE COLUMN|LISTBOX MOVED COLUMN NUMBER|
        LISTBOX MOVED ROW NUMBER|LISTBOX SELECT BREAK|LISTBOX SELECT ROW|LISTBOX SELECT ROWS|
        LISTBOX SET ARRAY|LISTBOX SET AUTO ROW HEIGHT|LISTBOX SET COLUMN FORMULA|LISTBOX SET COLUMN WIDTH|
        LISTBOX SET FOOTER CALCULATION|LISTBOX SET FOOTERS HEIGHT|LISTBOX SET GRID|LISTBOX SET GRID COLOR|
        LISTBOX SET HEADERS HEIGHT|LISTBOX SET HIERARCHY|LISTBOX SET LOCKED COLUMNS|LISTBOX SET PROPERTY|
        LISTBOX SET ROW COLOR|LISTBOX SET ROW FONT STYLE|LISTBOX SET ROW HEIGHT|LISTBOX SET ROWS HEIGHT|
        LISTBOX SET STATIC COLUMNS|LISTBOX SET TABLE SOURCE|LISTBOX SORT COLUMNS""",
    "Menus": """APPEND MENU ITEM|Count menu items|Count menus|Create menu|DELETE MENU ITEM|DISABLE MENU ITEM|
        Dynamic pop up menu|ENABLE MENU ITEM|Get menu bar reference|Get menu item|GET MENU ITEM ICON|
        Get menu item key|Get menu item mark|Get menu item method|Get menu item modifiers|
        Get menu item parameter|GET MENU ITEM PROPERTY|Get menu item style|GET MENU ITEMS|Get menu title|
        Get selected menu item parameter|INSERT MENU ITEM|Menu selected|RELEASE MENU|SET HELP MENU|
        SET MENU BAR|SET MENU ITEM|SET MENU ITEM ICON|SET MENU ITEM MARK|SET MENU ITEM METHOD|
        SET MENU ITEM PARAMETER|SET MENU ITEM PROPERTY|SET MENU ITEM SHORTCUT|SET MENU ITEM STYLE""",
    "Messages": """CONFIRM|DISPLAY NOTIFICATION|GOTO XY|MESSAGE|Request""",
    "Objects (Forms)": """GET STYLE SHEET INFO|LIST OF STYLE SHEETS|OBJECT DUPLICATE|OBJECT Get action|
        OBJECT Get auto spellcheck|OBJECT GET BEST SIZE|OBJECT Get border style|OBJECT Get context menu|
        OBJECT GET COORDINATES|OBJECT Get corner radius|OBJECT Get data source|OBJECT Get data source formula|
        OBJECT GET DRAG AND DROP OPTIONS|OBJECT Get enabled|OBJECT Get enterable|OBJECT GET EVENTS|
        OBJECT Get filter|OBJECT Get focus rectangle invisible|OBJECT Get font|OBJECT Get font size|
        OBJECT Get font style|OBJECT Get format|OBJECT Get help tip|OBJECT Get horizontal alignment|
        OBJECT Get indicator type|OBJECT Get keyboard layout|OBJECT Get list name|OBJECT Get list reference|
        OBJECT GET MAXIMUM VALUE|OBJECT GET MINIMUM VALUE|OBJECT Get multiline|OBJECT Get name|
        OBJECT Get placeholder|OBJECT Get pointer|OBJECT GET PRINT VARIABLE FRAME|OBJECT GET RESIZING OPTIONS|
        OBJECT GET RGB COLORS|OBJECT GET SCROLL POSITION|OBJECT GET SCROLLBAR|OBJECT GET SHORTCUT|
        OBJECT Get style sheet|OBJECT GET SUBFORM|OBJECT GET SUBFORM CONTAINER SIZE|
        OBJECT Get subform container value|OBJECT Get text orientation|OBJECT Get three states checkbox|
        OBJECT Get title|OBJECT Get type|OBJECT Get value|OBJECT Get vertical alignment|OBJECT Get visible|
        OBJECT Is styled text|OBJECT MOVE|OBJECT SET ACTION|OBJECT SET AUTO SPELLCHECK|OBJECT SET BORDER STYLE|
        OBJECT SET CONTEXT MENU|OBJECT SET COORDINATES|OBJECT SET CORNER RADIUS|OBJECT SET DATA SOURCE|
        OBJECT SET DATA SOURCE FORMULA|OBJECT SET DRAG AND DROP OPTIONS|OBJECT SET ENABLED|
        OBJECT SET ENTERABLE|OBJECT SET EVENTS|OBJECT SET FILTER|OBJECT SET FOCUS RECTANGLE INVISIBLE|
        OBJECT SET FONT|OBJECT SET FONT SIZE|OBJECT SET FONT STYLE|OBJECT SET FORMAT|OBJECT SET HELP TIP|
        OBJECT SET HORIZONTAL ALIGNMENT|OBJECT SET INDICATOR TYPE|OBJECT SET KEYBOARD LAYOUT|
        OBJECT SET LIST BY NAME|OBJECT SET LIST BY REFERENCE|OBJECT SET MAXIMUM VALUE|
        OBJECT SET MINIMUM VALUE|OBJECT SET MULTILINE|OBJECT SET PLACEHOLDER|OBJECT SET PRINT VARIABLE FRAME|
        OBJECT SET RESIZING OPTIONS|OBJECT SET RGB COLORS|OBJECT SET SCROLL POSITION|OBJECT SET SCROLLBAR|
        OBJECT SET SHORTCUT|OBJECT SET STYLE SHEET|OBJECT SET SUBFORM|OBJECT SET SUBFORM CONTAINER VALUE|
        OBJECT SET TEXT ORIENTATION|OBJECT SET THREE STATES CHECKBOX|OBJECT SET TITLE|OBJECT SET VALUE|
        OBJECT SET VERTICAL ALIGNMENT|OBJECT SET VISIBLE""",
    "Pasteboard": """GET PASTEBOARD DATA TYPE|GET PICTURE FROM PASTEBOARD|SET PICTURE TO PASTEBOARD|
        Get file from pasteboard|SET FILE TO PASTEBOARD""",
    "Printing": """ACCUMULATE|BLOB to print settings|BREAK LEVEL|CLOSE PRINTING JOB|Get current printer|
        Get print marker|GET PRINT OPTION|Get print preview|GET PRINTABLE AREA|GET PRINTABLE MARGIN|
        Get printed height|Is in print preview|Level|OPEN PRINTING JOB|PAGE BREAK|Print form|PRINT LABEL|
        Print object|PRINT OPTION VALUES|PRINT RECORD|PRINT SELECTION|PRINT SETTINGS|Print settings to BLOB|
        PRINTERS LIST|Printing page|SET CURRENT PRINTER|SET PRINT MARKER|SET PRINT OPTION|SET PRINT PREVIEW|
        SET PRINTABLE MARGIN|Subtotal""",
    "Process (User Interface)": """BRING TO FRONT|Frontmost process|HIDE PROCESS|SHOW PROCESS""",
    "Quick Report": """QR BLOB TO REPORT|QR Count columns|QR DELETE COLUMN|QR DELETE OFFSCREEN AREA|
        QR EXECUTE COMMAND|QR Find column|QR Get area property|QR GET BORDERS|QR Get command status|
        QR GET DESTINATION|QR Get document property|QR Get drop column|QR GET HEADER AND FOOTER|
        QR Get HTML template|QR GET INFO COLUMN|QR Get info row|QR Get report kind|QR Get report table|
        QR GET SELECTION|QR GET SORTS|QR Get text property|QR GET TOTALS DATA|QR GET TOTALS SPACING|
        QR INSERT COLUMN|QR MOVE COLUMN|QR NEW AREA|QR New offscreen area|QR ON COMMAND|QR REPORT|
        QR REPORT TO BLOB|QR RUN|QR SET AREA PROPERTY|QR SET BORDERS|QR SET DESTINATION|
        QR SET DOCUMENT PROPERTY|QR SET HEADER AND FOOTER|QR SET HTML TEMPLATE|QR SET INFO COLUMN|
        QR SET INFO ROW|QR SET REPORT KIND|QR SET REPORT TABLE|QR SET SELECTION|QR SET SORTS|
        QR SET TEXT PROPERTY|QR SET TOTALS DATA|QR SET TOTALS SPACING""",
    "Spell Checker": """SPELL ADD TO USER DICTIONARY|SPELL CHECK TEXT|SPELL CHECKING|SPELL Get current dictionary|
        SPELL GET DICTIONARY LIST|SPELL SET CURRENT DICTIONARY""",
    "User Interface": """BEEP|Focus object|Get Application color scheme|GET FIELD TITLES|GET TABLE TITLES|
        HIDE MENU BAR|MOUSE POSITION|PLAY|Pop up menu|POST CLICK|POST EVENT|POST KEY|REDRAW|SET ABOUT|
        SET APPLICATION COLOR SCHEME|SET CURSOR|SET FIELD TITLES|SET TABLE TITLES|SHOW MENU BAR""",
    "Web Area": """WA Back URL available|WA Create URL history menu|WA Evaluate JavaScript|
        WA EXECUTE JAVASCRIPT FUNCTION|WA Forward URL available|WA Get context|WA Get current URL|
        WA GET EXTERNAL LINKS FILTERS|WA Get last filtered URL|WA GET LAST URL ERROR|WA Get page content|
        WA Get page title|WA GET PREFERENCE|WA GET URL FILTERS|WA GET URL HISTORY|WA OPEN BACK URL|
        WA OPEN FORWARD URL|WA OPEN URL|WA OPEN WEB INSPECTOR|WA REFRESH CURRENT URL|WA Run offscreen area|
        WA SET CONTEXT|WA SET EXTERNAL LINKS FILTERS|WA SET PAGE CONTENT|WA SET PREFERENCE|WA SET URL FILTERS|
        WA STOP LOADING URL|WA ZOOM IN|WA ZOOM OUT""",
    "Windows": """CLOSE WINDOW|CONVERT COORDINATES|Current form window|DRAG WINDOW|ERASE WINDOW|Find window|
        Frontmost window|GET WINDOW RECT|Get window title|HIDE TOOL BAR|HIDE WINDOW|Is window maximized|
        Is window reduced|MAXIMIZE WINDOW|MINIMIZE WINDOW|Next window|Open form window|Open window|
        REDRAW WINDOW|REDUCE RESTORE WINDOW|RESIZE FORM WINDOW|SET WINDOW DOCUMENT ICON|SET WINDOW RECT|
        SET WINDOW TITLE|SHOW TOOL BAR|SHOW WINDOW|Tool bar height|Window kind|WINDOW LIST|Window process""",
}


def commands_of(theme: str) -> list[str]:
    return [name.strip() for name in THEMES[theme].split("|") if name.strip()]


def _not_headless(name: str, theme: str):
    def unavailable(*args):
        return fail(NOT_HEADLESS, f"{name} is not available headless: fourd has no user interface "
                                  f"({theme} commands)")
    unavailable.__name__ = unavailable.__qualname__ = "not_headless"
    return unavailable


for _theme in THEMES:
    for _name in commands_of(_theme):
        command(_name)(_not_headless(_name, _theme))


# ------------------------------------------------ documented headless results

@command_with("Form")
def form() -> None:
    """Null: no form is displayed (form.md: "the object associated with the current form, if any")."""
    return None


@command_with("Form event code")
def form_event_code() -> int:
    """0: no form event is being processed."""
    return 0


@command_with("Current form table")
def current_form_table() -> None:
    """A Nil pointer: no table form is in use."""
    return None


@command_with("MESSAGES OFF")
def messages_off() -> None:
    """Accepted: it hides 4D's progress windows, and there are none headless."""


@command_with("MESSAGES ON")
def messages_on() -> None:
    """Accepted: it shows 4D's progress windows, and there are none headless."""
