notice("abc $ def
