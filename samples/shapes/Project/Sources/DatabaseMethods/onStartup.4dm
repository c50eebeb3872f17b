// Runs when the project starts: `fourd run samples/shapes`
var $square : cs.Square:=cs.Square.new(3)
var $shapes : Collection:=[cs.Polygon.new(2; 5); $square]

$square.side:=4
ALERT(describeAll($shapes).join("\n"))
ALERT("Square is a Polygon: "+String(OB Instance of($square; cs.Polygon)))
ALERT("Class of the square: "+OB Class($square).name+", superclass: "+cs.Square.superclass.name)
