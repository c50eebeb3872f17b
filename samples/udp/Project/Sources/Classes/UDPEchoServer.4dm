// A UDP echo server: every datagram goes back to its sender.
// The socket refers to this object (its options) and this object to the
// socket: a 4D.UDPSocket is released when nothing refers to it any more
// (UDPSocketClass.md), and this cycle keeps it until the program ends.
property socket : 4D.UDPSocket

Class constructor($port : Integer)
	This.socket:=4D.UDPSocket.new($port; This)

Function onData($socket : 4D.UDPSocket; $event : 4D.UDPEvent)
	$socket.send($event.data; $event.address; $event.port)

Function onError($socket : 4D.UDPSocket; $event : 4D.UDPEvent)
	ALERT("UDP echo server error: "+JSON Stringify($socket.errors))

Function onTerminate($socket : 4D.UDPSocket; $event : 4D.UDPEvent)
	ALERT("UDP echo server stopped")
