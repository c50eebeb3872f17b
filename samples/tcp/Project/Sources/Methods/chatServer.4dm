// fourd run samples/tcp --method chatServer 7001   (then connect with: nc 127.0.0.1 7001)
#DECLARE($port : Text)
var $server : cs.ChatServer:=cs.ChatServer.new(Num($port))
ALERT("Chat server listening on port "+String($server.listener.port))
