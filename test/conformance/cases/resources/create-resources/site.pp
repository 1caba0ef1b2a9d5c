$users = { 'alice' => { 'uid' => 1001 }, 'bob' => { 'uid' => 1002, 'shell' => '/bin/zsh' } }
create_resources('user', $users, { 'shell' => '/bin/bash', 'ensure' => 'present' })
define d($v) { notify { "d-${title}": message => $v } }
create_resources('d', { 'one' => { 'v' => 1 } })
create_resources('@notify', { 'virtual-one' => {} })
