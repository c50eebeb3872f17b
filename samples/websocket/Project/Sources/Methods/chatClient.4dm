// A chat client: sends one message, prints what the chat says until its own message comes back.
// fourd run samples/websocket --method chatClient ws://127.0.0.1:8080/chat alice "hello all"
#DECLARE($url : Text; $name : Text; $message : Text)
var $client : 4D.WebSocket
$client:=4D.WebSocket.new($url; cs.ChatClient.new($name; $message))
$client.wait(30)
