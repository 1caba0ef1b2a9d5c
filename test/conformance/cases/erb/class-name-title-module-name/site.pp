include demo::sub
