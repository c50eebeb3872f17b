// fourd run samples/tcp --method client 127.0.0.1 7000 "hello" ["second line"…]
#DECLARE($host : Text; $port : Text; ... : Text)
var $client : cs.LineClient:=cs.LineClient.new($host; Num($port))
var $i : Integer
For ($i; 3; Count parameters)
	$client.say(${$i})
End for
// Close our side; the server closes its side once it has answered.
$client.connection.shutdown()
$client.connection.wait(10)
