class demo { }
