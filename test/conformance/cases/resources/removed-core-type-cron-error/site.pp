cron { 'job': command => '/bin/true', minute => '*/5' }
