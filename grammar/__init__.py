"""The Lark grammar of 4D, shipped inside the wheel as fourd.grammar."""
