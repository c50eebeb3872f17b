// Error handling: `fourd run samples/errors/errors.4dm`
var $result : Variant

// Try(expression): the value, or Undefined and the error stack.
$result:=Try(1\0)
ALERT("1\\0 gives "+String(Last errors[0].errCode)+": "+Last errors[0].message)

// Try/Catch around a block.
Try
	throw({errCode: 42; message: "Something went wrong with {item}"; item: "the widget"})
Catch
	ALERT("Caught: "+Last errors[0].message)
End try

// An uncaught error stops the program with its 4D location and exit status 1.
ASSERT(1=2; "this assertion fails on purpose")
ALERT("never printed")
