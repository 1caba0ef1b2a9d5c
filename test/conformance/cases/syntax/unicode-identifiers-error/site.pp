$héllo = 1
