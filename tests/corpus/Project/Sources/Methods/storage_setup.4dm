//%attributes = {"shared":true}
// Shared objects, error handling and SQL.
var $settings : Object
var $errors : Collection

Use (Storage)
	If (Storage.settings=Null)
		Storage.settings:=New shared object("retries"; 3; "hosts"; New shared collection)
	End if 
	$settings:=Storage.settings
End use 

Try
	$errors:=[]
	throw({errCode: 1; message: "Storage ready"})
Catch
	$errors:=Last errors
End try 

var $count : Integer
Begin SQL
	SELECT COUNT(*) FROM Customers INTO :$count;
End SQL

$settings.port:=Try(Num($settings.port)) ?? 0
Repeat 
	$count:=$count\2
Until ($count<=1)
While ($count<10)
	$count:=$count+(1 << 2)
End while 
