// fourd run samples/tcp --method echoServer 7000
#DECLARE($port : Text)
var $server : cs.EchoServer:=cs.EchoServer.new(Num($port))
ALERT("Echo server listening on port "+String($server.listener.port))
// The method ends here; the listener keeps the program running until Ctrl-C.
