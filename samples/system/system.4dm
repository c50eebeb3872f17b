// Talks to the operating system: a 4D.SystemWorker fed through stdin, with
// callbacks, then LAUNCH EXTERNAL PROCESS, then what the machine says of itself.
// Run: fourd run samples/system/system.4dm   (macOS or Linux: it uses sort and uname)

var $worker : 4D.SystemWorker
var $options : Object
$options:={dataType: "text"}
$options.onTerminate:=Formula(ALERT("sort ended, exit code "+String($1.exitCode)))
$worker:=4D.SystemWorker.new("sort"; $options)
$worker.postMessage("pear\napple\nfig\n")
$worker.closeInput()
$worker.wait(10)
ALERT("sorted: "+Trim(Replace string($worker.response; "\n"; " ")))

var $in; $out; $err : Text
var $pid : Integer
LAUNCH EXTERNAL PROCESS("uname -s"; $in; $out; $err; $pid)
ALERT("system: "+Trim($out)+" (OK="+String(OK)+")")

Try
	$worker:=4D.SystemWorker.new("no-such-program")
Catch
	ALERT("cannot start: "+Last errors[0].message)
End try

ALERT("Is macOS: "+String(Is macOS)+", Is Windows: "+String(Is Windows)+", "+String(Get system info.cpuThreads)+" threads")
