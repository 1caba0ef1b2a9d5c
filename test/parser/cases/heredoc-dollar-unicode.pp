$x = @("E")
a\q $ \u b
E
