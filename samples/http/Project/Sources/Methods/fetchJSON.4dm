// fourd run samples/http --method fetchJSON [url]
// Fetches a URL with 4D.HTTPRequest and prints the JSON it returns, pretty-printed.
// Without a URL, the program serves its own JSON with a tiny 4D.TCPListener
// server (cs.TinyJSONServer) and fetches that: it needs no network.
#DECLARE($url : Text)

var $server : cs.TinyJSONServer
If ($url="")
	$server:=cs.TinyJSONServer.new({greeting: "Hello from 4D"; served: "by a 4D.TCPListener"; numbers: [1; 2; 3]})
	$url:="http://127.0.0.1:"+String($server.port)+"/hello"
End if

var $request:=4D.HTTPRequest.new($url; {dataType: "object"; timeout: 10}).wait()
Case of
	: ($request.errors.length>0)
		ALERT("Error "+String($request.errors[0].errCode)+": "+$request.errors[0].message)
	: ($request.response.status#200)
		ALERT("HTTP status "+String($request.response.status)+" "+$request.response.statusText)
	Else
		ALERT(JSON Stringify($request.response.body; *))
End case

If ($server#Null)
	$server.stop()
End if
