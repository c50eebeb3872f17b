// A client that sends lines of text and prints whatever comes back.
property connection : 4D.TCPConnection

Class constructor($host : Text; $port : Integer)
	This.connection:=4D.TCPConnection.new($host; $port; This)

Function say($line : Text)
	var $blob : Blob
	TEXT TO BLOB($line+"\n"; $blob; UTF8 text without length)
	This.connection.send($blob)

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	LOG EVENT(Into system standard outputs; BLOB to text($event.data; UTF8 text without length))

Function onError($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	ALERT("Connection error: "+$connection.errors[0].message)
