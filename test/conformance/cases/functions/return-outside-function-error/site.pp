$x = [1].map |$v| { return(5) }
