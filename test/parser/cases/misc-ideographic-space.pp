notice(　 1)
