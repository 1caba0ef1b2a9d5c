$a = @(END:pp)
$x = private
END
