// A square is a polygon whose sides are equal.
Class extends Polygon

Class constructor($side : Integer)
	Super($side; $side)
	This.kind:="square"

Function get side() : Integer
	return This.width

Function set side($side : Integer)
	This.height:=$side
	This.width:=$side

Function describe() : Text
	return "I am a "+Super.describe()
