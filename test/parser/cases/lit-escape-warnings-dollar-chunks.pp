notice("a\q $ b\q")
