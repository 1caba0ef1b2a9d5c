$a = @(END:base64)
not base64!!
END
$b = private
