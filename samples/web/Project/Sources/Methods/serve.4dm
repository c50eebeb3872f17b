// Serves the catalog as JSON: fourd run samples/web --method serve 8080
// then open http://127.0.0.1:8080/products (the page / comes from WebFolder).
#DECLARE($port : Text)
var $result:=WEB Server.start({HTTPPort: Num($port); IPAddressToListen: "127.0.0.1"})
If ($result.success)
	ALERT("Serving on http://127.0.0.1:"+String(WEB Server.HTTPPort)+"/products")
Else 
	ALERT("Cannot start the web server: "+$result.errors[0].message)
End if 
