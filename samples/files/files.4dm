//%attributes = {}
// Files and folders with 4D's File API: walks a folder tree, reads every text
// file line by line, writes a report, lists the copy with a system command,
// zips a folder and reads the archive back.
//   fourd run samples/files/files.4dm            (walks this sample's data/ folder)
//   fourd run samples/files/files.4dm /some/dir  (walks another folder, read-only)
#DECLARE($path : Text)

var $tree : 4D.Folder
If (Count parameters>=1)
	$tree:=Folder($path; fk platform path)
Else
	$tree:=Folder("/PACKAGE/data")  // /PACKAGE: the folder of this .4dm file
End if

// 1. Walk the tree (hidden files left out)
var $files : Collection:=$tree.files(fk recursive+fk ignore invisible)
var $bytes : Real:=0
var $file : 4D.File
For each ($file; $files)
	$bytes:=$bytes+$file.size
End for each
ALERT("Walked "+$tree.fullName+": "+String($files.length)+" files in "+String($tree.folders(fk recursive+fk ignore invisible).length+1)+" folders, "+String($bytes)+" bytes")

// 2. Read the text files line by line with a 4D.FileHandle
var $report : Text:="file"+Char(Tab)+"lines"+Char(Tab)+"first line"+Char(Line feed)
var $handle : 4D.FileHandle
var $lines : Integer
var $first : Text
For each ($file; $files.query("extension in :1"; New collection(".txt"; ".md")))
	$handle:=$file.open("read")
	$lines:=0
	$first:=""
	While (Not($handle.eof))
		If ($lines=0)
			$first:=$handle.readLine()
		Else
			$handle.readLine()
		End if
		$lines:=$lines+1
	End while
	ALERT($file.fullName+": "+String($lines)+" lines, first: "+$first)
	$report:=$report+$file.fullName+Char(Tab)+String($lines)+Char(Tab)+$first+Char(Line feed)
End for each

// 3. Write the report and a copy of the tree in a private scratch folder
var $work : 4D.Folder:=Folder(Temporary folder; fk platform path).folder("fourd-files-sample-"+Generate UUID)
$work.create()
$work.file("report.tsv").setText($report; "UTF-8"; Document with LF)
var $copy : 4D.Folder:=$tree.copyTo($work; "tree")
ALERT("Report: "+String($work.file("report.tsv").size)+" bytes, copy: "+String($copy.files(fk recursive).length)+" files")

// 4. Run a system command on the copy (a 4D.SystemWorker: the program runs without a shell)
var $lister : Text:=Choose(Is Windows; "cmd /c dir /b"; "ls -1")
var $worker : 4D.SystemWorker:=4D.SystemWorker.new($lister+" \""+$copy.platformPath+"\"")
$worker.wait(10)
ALERT("The system lists: "+Split string($worker.response; Char(Line feed); sk ignore empty strings+sk trim spaces).join(", ")+" (exit code "+String($worker.exitCode)+")")

// 5. Zip the copy and read the archive back without extracting it
var $status : Object:=ZIP Create archive($copy; $work.file("tree.zip"))
var $archive : 4D.ZipArchive:=ZIP Read archive($work.file("tree.zip"))
var $entries : Collection:=$archive.root.files(fk recursive).map(Formula($1.value.path))
ALERT("Zipped: "+String($status.success)+", "+String($entries.length)+" entries: "+$entries.join(", "))
var $entry : 4D.ZipFile:=$archive.root.files(fk recursive+fk ignore invisible)[0]
ALERT("In the archive, "+$entry.path+" begins with: "+Split string($entry.getText(); Char(Line feed))[0])

// 6. Clean up: nothing is left outside the scratch folder, which goes too
$archive:=Null
$work.delete(Delete with contents)
ALERT("Scratch folder removed: "+String(Not($work.exists)))
