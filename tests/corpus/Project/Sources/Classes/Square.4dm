Class extends Shape

singleton Class constructor($side : Integer)
	Super:C1705("square"; $side; $side)

Function describe()->$text : Text
	$text:="Square: "+Super:C1706.describe()

exposed Function get side() : Integer
	return This:C1470.width
