// Listener options: each connection echoes what it receives (EchoConnection).
Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : Object
	return cs.EchoConnection.new()

Function onTerminate($listener : 4D.TCPListener; $event : 4D.TCPEvent)
	ALERT("listener terminated")
