// fourd run samples/udp --method echoServer 7002
#DECLARE($port : Text)
var $server : cs.UDPEchoServer:=cs.UDPEchoServer.new(Num($port))
ALERT("UDP echo server on port "+String($server.socket.port))
// The method ends here; the socket keeps the program running until Ctrl-C.
