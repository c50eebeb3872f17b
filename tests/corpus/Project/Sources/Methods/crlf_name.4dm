//%attributes = {"invisible":true}
// Written with CRLF line ends, as on Windows.
C_TEXT:C284($0)
C_OBJECT:C1216($1)
If (OB Is defined:C1231($1; "name"))
	$0:=OB Get:C1224($1; "name"; Is text:K8:3)
Else 
	$0:=""
End if 
