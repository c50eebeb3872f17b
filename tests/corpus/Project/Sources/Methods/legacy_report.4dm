//%attributes = {"lang":"en"}
  // Tokenized export style, as 4D writes classic code.
C_LONGINT:C283($1;$i;$count)
C_TEXT:C284($0;$t_report)
ARRAY TEXT:C222($at_names;0)
ARRAY LONGINT:C221($al_totals;0)

If (False:C215)
	C_TEXT:C284(legacy_report ;$0)
	C_LONGINT:C283(legacy_report ;$1)
End if 

READ ONLY:C145([Customers:1])
QUERY:C277([Customers:1];[Customers:1]Country Code:4="FR";*)
QUERY:C277([Customers:1]; & ;[Customers:1]Total Sales:7>=$1)
ORDER BY:C49([Customers:1];[Customers:1]Name:2;>)
SELECTION TO ARRAY:C260([Customers:1]Name:2;$at_names;[Customers:1]Total Sales:7;$al_totals)
SORT ARRAY:C229($al_totals;$at_names;<)

$count:=Size of array:C274($at_names)
$t_report:=""
For ($i;1;$count)
	$t_report:=$t_report+$at_names{$i}+Char:C90(Tab:K15:37)+String:C10($al_totals{$i};"###,##0")+Char:C90(Carriage return:K15:38)
	If ($at_names{$i}[[1]]="A")
		<>vl_countA:=<>vl_countA+1
	End if 
End for 

If (Application type:C494=4D Remote mode:K5:5) | (Is compiled mode:C492)
	$t_report:=Replace string:C233($t_report;"\t";" ")
End if 
$0:=$t_report
