notify { 'percent': message => lookup('base::percent') }
notify { 'cron': message => lookup('base::cron') }
