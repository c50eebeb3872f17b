// Sends datagrams and collects the answers, in the order they arrive.
property socket : 4D.UDPSocket
property replies : Collection

Class constructor()
	This.replies:=[]
	This.socket:=4D.UDPSocket.new(0; This)

Function say($text : Text; $host : Text; $port : Integer)
	var $datagram : Blob
	TEXT TO BLOB($text; $datagram; UTF8 text without length)
	This.socket.send($datagram; $host; $port)

Function onData($socket : 4D.UDPSocket; $event : 4D.UDPEvent)
	This.replies.push(Convert to text($event.data; "UTF-8"))

// Drop the socket: with no reference left it is released (UDPSocketClass.md).
Function close()
	This.socket:=Null
