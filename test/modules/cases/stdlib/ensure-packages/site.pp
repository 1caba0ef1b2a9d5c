# ensure_packages and ensure_resource declare a resource once, however often they are called.
ensure_packages(['curl', 'git'])
ensure_packages(['curl'])
ensure_packages({ 'vim' => { 'ensure' => 'latest' } })
ensure_resource('user', 'deploy', { 'ensure' => 'present', 'shell' => '/bin/bash' })
ensure_resource('user', 'deploy', { 'ensure' => 'present', 'shell' => '/bin/bash' })
ensure_resources('group', { 'ops' => { 'gid' => 3000 }, 'dev' => {} }, { 'ensure' => 'present' })
if defined_with_params(User['deploy'], { 'shell' => '/bin/bash' }) {
  notify { 'deploy has bash': }
}
