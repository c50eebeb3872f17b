// The options of one connection of cs.TinyJSONServer: the request's first
// bytes are enough for this server; it answers and closes.

property reply : Blob

Class constructor($reply : Blob)
	This.reply:=$reply

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	$connection.send(This.reply)
	$connection.shutdown()
