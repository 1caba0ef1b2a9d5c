$n = Array(Integer[1, 40])
$n.each |$i| { file { "/tmp/many/${i}": ensure => file, content => "n=${i}\n", mode => '0644' } }
