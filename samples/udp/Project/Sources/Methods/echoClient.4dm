// fourd run samples/udp --method echoClient 127.0.0.1 7002 "hello" ["second datagram"…]
#DECLARE($host : Text; $port : Text; ... : Text)
var $client : cs.UDPEchoClient:=cs.UDPEchoClient.new()
var $i : Integer
For ($i; 3; Count parameters)
	$client.say(${$i}; $host; Num($port))
End for
// UDP may lose datagrams: wait for the answers two seconds at most.
// DELAY PROCESS lets the socket's callbacks run meanwhile.
var $deadline:=Milliseconds+2000
While ($client.replies.length<(Count parameters-2)) & (Milliseconds<$deadline)
	DELAY PROCESS(Current process; 1)
End while
For each ($reply; $client.replies)
	ALERT($reply)
End for each
If ($client.replies.length<(Count parameters-2))
	ALERT(String(Count parameters-2-$client.replies.length)+" datagram(s) without answer")
End if
$client.close()
