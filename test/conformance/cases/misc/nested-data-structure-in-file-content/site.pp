$cfg = { 'servers' => ['a', 'b'], 'opts' => { 'retries' => 3, 'verbose' => true } }
file { '/etc/app.json': content => "${cfg}\n" }
