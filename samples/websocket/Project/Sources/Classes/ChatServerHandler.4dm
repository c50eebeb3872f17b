// The WebSocket server's handler: one ChatConnection per client.

Function onConnection($server : 4D.WebSocketServer; $event : Object) : Object
	return cs.ChatConnection.new()

Function onTerminate($server : 4D.WebSocketServer; $event : Object)
	ALERT("Chat server stopped")
