$a = @(END:data+json)
[1, {"b": x}]
END
