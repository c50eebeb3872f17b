//%attributes = {}
// Starts with a byte order mark.
var $é : Text:="été"
$é:=Uppercase($é)
