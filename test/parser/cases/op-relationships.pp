File[a] -> File[b] ~> Service[c] <- Package[d] <~ Exec[e]
