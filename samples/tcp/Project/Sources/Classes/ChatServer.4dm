// A line-based chat server: each line a client sends goes to every other client.
property listener : 4D.TCPListener
property clients : Collection

Class constructor($port : Integer)
	This.clients:=[]
	This.listener:=4D.TCPListener.new($port; This)

Function onConnection($listener : 4D.TCPListener; $event : 4D.TCPEvent) : Object
	return cs.ChatClient.new(This; $event.address+":"+String($event.port))

Function join($client : cs.ChatClient)
	This.clients.push($client)
	This.broadcast($client; "* "+$client.name+" joined")

Function leave($client : cs.ChatClient)
	var $index : Integer:=This.clients.indexOf($client)
	If ($index>=0)
		This.clients.remove($index)
		This.broadcast($client; "* "+$client.name+" left")
	End if

Function broadcast($from : cs.ChatClient; $line : Text)
	var $blob : Blob
	var $client : cs.ChatClient
	TEXT TO BLOB($line+"\n"; $blob; UTF8 text without length)
	For each ($client; This.clients)
		If ($client#$from)
			$client.connection.send($blob)
		End if
	End for each

Function onTerminate($listener : 4D.TCPListener; $event : 4D.TCPEvent)
	ALERT("Chat server stopped")
