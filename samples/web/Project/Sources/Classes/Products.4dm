// The HTTP request handler of /products (Project/Sources/HTTPHandlers.json).
// 4D requires a shared singleton: one instance serves every web process.
property catalog : Collection

shared singleton Class constructor()
	This.catalog:=New shared collection(\
		New shared object("id"; 1; "name"; "Keyboard"; "category"; "input"; "price"; 49.9); \
		New shared object("id"; 2; "name"; "Mouse"; "category"; "input"; "price"; 19.5); \
		New shared object("id"; 3; "name"; "Screen"; "category"; "output"; "price"; 189); \
		New shared object("id"; 4; "name"; "Speaker"; "category"; "output"; "price"; 35))

// GET /products, /products?category=input, /products/3
Function handle($request : 4D.IncomingMessage) : 4D.OutgoingMessage
	var $response:=4D.OutgoingMessage.new()
	Case of 
		: ($request.urlPath.length=2)
			var $found:=This.catalog.query("id = :1"; Num($request.urlPath[1]))
			If ($found.length=1)
				$response.setBody($found[0])
			Else 
				$response.setBody({error: "no product "+$request.urlPath[1]})
				$response.setStatus(404)
			End if 
		: ($request.urlQuery.category#Null)
			$response.setBody({products: This.catalog.query("category = :1"; $request.urlQuery.category)})
		Else 
			$response.setBody({products: This.catalog})
	End case 
	return $response
