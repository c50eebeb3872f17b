// Runs in the "chat" worker: the WebSocket server lives in this process.
chatServer:=4D.WebSocketServer.new(cs.ChatServerHandler.new(); {path: "/chat"})
ALERT("Chat server on port "+String(WEB Server.HTTPPort))
