// One client of the chat: what it says is sent to everybody.

Function onOpen($connection : 4D.WebSocketConnection; $event : Object)
	This.broadcast($connection; "* client "+String($connection.id)+" joined")

Function onMessage($connection : 4D.WebSocketConnection; $event : Object)
	This.broadcast($connection; $event.data)

Function onTerminate($connection : 4D.WebSocketConnection; $event : Object)
	This.broadcast($connection; "* client "+String($connection.id)+" left")

Function broadcast($connection : 4D.WebSocketConnection; $text : Text)
	var $client : 4D.WebSocketConnection
	For each ($client; $connection.wss.connections)
		$client.send($text)
	End for each 
