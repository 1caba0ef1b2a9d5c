notify { 'x': message => [strip("  pad  \n"), lstrip('  l'), rstrip('r  '), chomp("line\n"), chomp("crlf\r\n"), chomp('none'), chop('abc'), chop("x\r\n"), strip(['  a ', 'b  '])] }
