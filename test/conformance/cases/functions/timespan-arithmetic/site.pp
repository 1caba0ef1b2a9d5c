$a = Timespan('0-01:30:00')
$b = Timespan(3600)
notify { 'x': message => ["${$a + $b}", $a > $b, "${$a * 2}", $a.strftime('%H:%M')] }
