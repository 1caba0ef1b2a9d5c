$ts = Timestamp('2024-02-29T13:45:30.123 UTC')
notify { 'x': message => [$ts.strftime('%Y-%m-%d %H:%M:%S'), strftime($ts, '%j %A %b'), "${ts}", $ts + 86400] }
