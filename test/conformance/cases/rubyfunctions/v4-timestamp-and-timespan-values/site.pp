$ts = Timestamp('2024-02-29T12:30:00.000 UTC')
notify { 'ts': message => acme::describe_time($ts) }
notify { 'span': message => acme::describe_time(Timespan({ 'hours' => 1, 'minutes' => 30 })) }
