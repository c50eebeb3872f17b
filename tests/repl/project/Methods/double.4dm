#DECLARE($n : Real) -> $result : Real
$result:=$n*2
