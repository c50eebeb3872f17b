// A user class for the REPL tests: instances display as cs.Person {...}.
property name : Text

Class constructor($name : Text)
	This.name:=$name

Function greeting() : Text
	return "Hello "+This.name
