// A tiny HTTP server on a 4D.TCPListener: every connection gets one JSON
// document, whatever it asks (cs.TinyJSONReply), then the server closes it.

property listener : 4D.TCPListener
property reply : Blob

Class constructor($document : Object)
	var $body:=JSON Stringify($document)
	var $bodyBlob : Blob
	TEXT TO BLOB($body; $bodyBlob; UTF8 text without length)
	var $head:="HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
	$head:=$head+"Content-Length: "+String(BLOB size($bodyBlob))+"\r\nConnection: close\r\n\r\n"
	TEXT TO BLOB($head+$body; This.reply; UTF8 text without length)
	This.listener:=4D.TCPListener.new(0; This)

Function get port() : Integer
	return This.listener.port

Function stop()
	This.listener.terminate()

// TCPListenerClass.md: the result gives the options of the accepted connection.
Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : Object
	return cs.TinyJSONReply.new(This.reply)
