"""4D code using TCP, compiled and run through the real CLI.

The TCPListener example of seed-TCPListenerClass.fr.md runs unchanged: the
listener class is the seed's (French comments included); the connection
class is the asynchronous example of API/TCPConnectionClass.md. A client on
127.0.0.1 is refused (its address is not "192.168.@"): it sees the server
close at once.
"""
from tcp_helpers import run_project

SEED_LISTENER = """
property listener : 4D.TCPListener

Class constructor($port : Integer)
	
	This.listener:=4D.TCPListener.new($port; This)
		
Function terminate()
	
	This.listener.terminate()
	
Function onConnection($listener : 4D.TCPListener ; $event : 4D.TCPEvent)->$result
    	//une fois connecté, démarre un serveur pour gérer la communication
	If($event.address # "192.168.@") 
		$result:=Null //dans certains cas, vous pouvez rejeter la connexion
	Else
		$result:=cs.MyAsyncTCPConnection.new(This) //voir classe TCPConnection
	End if
	
Function onError($listener : 4D.TCPListener ; $event : 4D.TCPEvent)
	
Function onTerminate($listener : 4D.TCPListener ; $event : 4D.TCPEvent)

"""

DOC_CONNECTION = """// Class definition: cs.MyAsyncTCPConnection

Class constructor($url : Text; $port : Integer)
    This.connection := Null
    This.url := $url
    This.port := $port

// Connect to one of the servers launched inside workers
Function connect()
    This.connection := 4D.TCPConnection.new(This.url; This.port; This)

// Disconnect from the server
Function disconnect()
    This.connection.shutdown()
    This.connection := Null

// Send data to the server
Function getInfo()
    var $blob : Blob
    TEXT TO BLOB("Information"; $blob)
    This.connection.send($blob)

// Callback called when the connection is successfully established
Function onConnection($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
    ALERT("Connection established")

// Callback called when the connection is properly closed
Function onShutdown($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
    ALERT("Connection closed")

// Callback called when receiving data from the server
Function onData($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
    ALERT(BLOB to text($event.data; UTF8 text without length))

	//Warning: There's no guarantee you'll receive all the data you need in a single network packet.
	
// Callback called when the connection is closed unexpectedly
Function onError($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
    ALERT("Connection error")

// Callback called after onShutdown/onError just before the TCPConnection object is released
Function onTerminate($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	ALERT("Connection terminated")

"""

MAIN = """\
var $server : cs.MyListener:=cs.MyListener.new(0)
var $client : cs.MyAsyncTCPConnection:=cs.MyAsyncTCPConnection.new("127.0.0.1"; $server.listener.port)
$client.connect()
$client.connection.wait(5)
ALERT("closed: "+String($client.connection.closed))
$server.terminate()
"""


def test_seed_listener_refuses_a_loopback_client(tmp_path):
    result = run_project(tmp_path, MAIN, classes={"MyListener": SEED_LISTENER, "MyAsyncTCPConnection": DOC_CONNECTION})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Connection established", "Connection closed", "Connection terminated", "closed: True"]


FAULTY = """\
Function onConnection($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	var $n : Real:=1\\0
	ALERT("not reached")

Function onTerminate($connection : 4D.TCPConnection; $event : 4D.TCPEvent)
	ALERT("terminated")
"""

FAULTY_MAIN = """\
var $listener : 4D.TCPListener:=4D.TCPListener.new(0; New object("onConnection"; Formula(New object)))
var $client : 4D.TCPConnection:=4D.TCPConnection.new("127.0.0.1"; $listener.port; cs.Faulty.new())
$client.shutdown()
$client.wait(5)
$listener.terminate()
"""


def test_an_error_in_a_callback_is_reported_with_its_4d_line(tmp_path):
    """The error ends the callback, not the connection: onTerminate still runs."""
    result = run_project(tmp_path, FAULTY_MAIN, classes={"Faulty": FAULTY})
    assert result.returncode == 0
    assert result.stdout == "terminated\n"
    assert "Faulty.4dm:2: in Faulty.onConnection: Error -20011 (4DRT): Division by zero" in result.stderr
