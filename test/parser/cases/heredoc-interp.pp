$a = @("END")
hello ${name} and $x
\t not escaped
END
