// A polygon with a height and a width.
property height; width : Integer
property kind : Text := "polygon"

Class constructor($height : Integer; $width : Integer)
	This.height:=$height
	This.width:=$width

Function area() : Integer
	return This.height*This.width

Function describe() : Text
	return This.kind+" of area "+String(This.area())
