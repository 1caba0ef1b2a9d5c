notice('héllo ☃') $x = 1
