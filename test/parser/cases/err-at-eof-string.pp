notice("abc ${x
