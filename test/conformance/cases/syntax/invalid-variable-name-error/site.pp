$Upper = 1
