// A TCP echo server: every byte a client sends comes back to it.
property listener : 4D.TCPListener

Class constructor($port : Integer)
	This.listener:=4D.TCPListener.new($port; This)

Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : Object
	// The returned object configures the new connection: its callbacks are EchoConnection's.
	return cs.EchoConnection.new()

Function onError($listener : 4D.TCPListener; $event : 4D.TCPEvent)
	ALERT("Echo server error: "+JSON Stringify($listener.errors))

Function onTerminate($listener : 4D.TCPListener; $event : 4D.TCPEvent)
	ALERT("Echo server stopped")
