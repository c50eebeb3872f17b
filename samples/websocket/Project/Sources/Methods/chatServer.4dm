// A WebSocket chat server: every message a client sends goes to every client.
// fourd run samples/websocket --method chatServer 8080
// Connect with the chatClient method, or any WebSocket client on ws://127.0.0.1:8080/chat
#DECLARE($port : Text)
var $result : Object
$result:=WEB Server.start({HTTPPort: Num($port); IPAddressToListen: "127.0.0.1"})
If ($result.success)
	// 4D asks for a worker: the chat's callbacks run there, one at a time.
	CALL WORKER("chat"; "startChat")
Else 
	ALERT("Cannot start the web server: "+$result.errors[0].message)
End if 
