#DECLARE($shapes : Collection) -> $lines : Collection
$lines:=$shapes.map(Formula($1.value.describe()))
