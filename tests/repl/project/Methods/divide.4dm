#DECLARE($n : Real) -> $result : Real
// Fails on its second line when $n is 0.
$result:=1\$n
