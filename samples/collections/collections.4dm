// Collections and formulas: `fourd run samples/collections/collections.4dm`
var $people : Collection:=[\
	{name: "Ada"; born: 1815; languages: ["Analytical Engine"]}; \
	{name: "Grace"; born: 1906; languages: ["COBOL"; "FLOW-MATIC"]}; \
	{name: "Niklaus"; born: 1934; languages: ["Pascal"; "Modula-2"; "Oberon"]}]

var $modern : Collection:=$people.query("born > :1"; 1900)
ALERT("Born after 1900: "+$modern.extract("name").join(", "))

var $byAge : Collection:=$people.orderBy("born desc")
ALERT("Youngest: "+$byAge[0].name)

// A reduce callback stores its running result in $1.accumulator.
var $total : Integer:=$people.reduce(Formula($1.accumulator+=$1.value.languages.length); 0)
ALERT("Languages in all: "+String($total))

var $names : Text
var $person : Object
For each ($person; $people)
	$names:=$names+Uppercase($person.name)+" "
End for each
ALERT(JSON Stringify({names: $names; count: $people.length}))
