# a comment
/* multi
line */ notice(1) # trailing
