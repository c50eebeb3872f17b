Class extends Entity

exposed Function get label($event : Object) : Text
	return This.code+" - "+This.name

Function query label($event : Object)->$result : Object
	$result:={query: "name = :1"; parameters: [$event.value]}

Function orderBy label($event : Object) : Text
	return $event.descending ? "name desc" : "name asc"

local Function isNew() : Boolean
	return This.isNew()

exposed onHTTPGet Function picture() : 4D.OutgoingMessage
	var $message:=4D.OutgoingMessage.new()
	$message.setBody(This.photo)
	return $message
