$a = @(END:json)
{"a": [1, 2], "b": {"c": null}}
END
$b = @(END:base64)
aGVsbG8=
END
$c = @(END:pp)
notice(1)
END
