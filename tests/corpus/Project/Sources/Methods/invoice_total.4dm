//%attributes = {"invisible":true,"preemptive":"capable"}
// Hand-written style: untokenized names, modern declarations.
#DECLARE($lines : Collection; $options : Object) -> $total : Real

var $line : Object
var $rate; $discount : Real
var $currency:=$options.currency || "EUR"

$total:=0
For each ($line; $lines) While ($total<1000000)
	If ($line.quantity=Null)
		continue
	End if 
	$rate:=Choose($line.taxed; 0.2; 0)
	$total+=$line.price*$line.quantity*(1+$rate)
End for each 

Case of 
	: ($options.discount#Null) && ($options.discount>0)
		$discount:=$total*$options.discount/100
		$total-=$discount
	: (Not(OB Is defined($options; "rounding")))
		// nothing to round
	Else 
		$total:=Round($total; $options.rounding)
End case 

$total:=($total<0) ? 0 : $total
