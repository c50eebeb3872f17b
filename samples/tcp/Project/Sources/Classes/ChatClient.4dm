// One chat participant, as seen by the server: the callbacks of its connection.
property server : cs.ChatServer
property name : Text
property pending : Text
property connection : 4D.TCPConnection

Class constructor($server : cs.ChatServer; $name : Text)
	This.server:=$server
	This.name:=$name
	This.pending:=""

Function onConnection($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	This.connection:=$connection
	This.server.join(This)

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	// Data may arrive in pieces: keep what follows the last line break for later.
	This.pending:=This.pending+BLOB to text($event.data; UTF8 text without length)
	var $end : Integer:=Position("\n"; This.pending)
	While ($end>0)
		This.server.broadcast(This; This.name+": "+Substring(This.pending; 1; $end-1))
		This.pending:=Substring(This.pending; $end+1)
		$end:=Position("\n"; This.pending)
	End while

Function onTerminate($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	This.server.leave(This)
