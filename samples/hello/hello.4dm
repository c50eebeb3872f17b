//%attributes = {"lang":"en"}
// Hello world: run with `fourd run samples/hello/hello.4dm World`
#DECLARE($name : Text)

If ($name="")
	$name:="world"
End if
ALERT("Hello, "+$name+"!")

// 4D evaluates operators strictly left to right: this is 35, not 23.
ALERT("3+4*5 = "+String(3+4*5))
