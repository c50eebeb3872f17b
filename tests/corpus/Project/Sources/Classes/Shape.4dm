// Hand-written class with properties, accessors and shared functions.
property name : Text
property sides; width; height : Integer:=0
property tags : Collection:=[]

Class constructor($name : Text; $width : Integer; $height : Integer)
	This.name:=$name
	This.width:=$width
	This.height:=$height

Function get area() : Real
	return This.width*This.height

Function set area($area : Real)
	This.width:=Square root($area)
	This.height:=This.width

Function describe()->$text : Text
	$text:=This.name+" ("+String(This.area)+")"

shared Function tag($tag : Text) : cs.Shape
	This.tags.push($tag)
	return This

Function toObject() : Object
	return {name: This.name; size: {width: This.width; height: This.height}; \
		tags: This.tags.copy()}
