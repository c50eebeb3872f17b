// The handler of the chatClient method's 4D.WebSocket.
property name : Text
property message : Text

Class constructor($name : Text; $message : Text)
	This.name:=$name
	This.message:=$message

Function onOpen($socket : 4D.WebSocket; $event : Object)
	$socket.send(This.name+": "+This.message)

Function onMessage($socket : 4D.WebSocket; $event : Object)
	ALERT($event.data)
	If ($event.data=(This.name+": "+This.message))
		$socket.terminate()
	End if 

Function onError($socket : 4D.WebSocket; $event : Object)
	ALERT("error: "+$event.errors[0].message)

Function onTerminate($socket : 4D.WebSocket; $event : Object)
	ALERT("closed ("+String($event.code)+")")
