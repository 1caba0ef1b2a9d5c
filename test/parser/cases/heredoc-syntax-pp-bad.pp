$a = @(END:pp)
notice(
END
