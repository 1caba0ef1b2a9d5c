notice(1) 
