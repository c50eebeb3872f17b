// The callbacks of one echo connection.

Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	$connection.send($event.data)
