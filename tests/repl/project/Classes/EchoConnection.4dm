// Connection options: says what arrived, then sends it back.
Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	ALERT("received "+String($event.data.size)+" bytes")
	$connection.send($event.data)
