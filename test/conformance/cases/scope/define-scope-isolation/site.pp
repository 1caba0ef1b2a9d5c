$outer = 'top'
define show($p = 'default') {
  $local = "local-${title}"
  notify { $title: message => "${p} ${local} ${outer} ${name}" }
}
show { 'one': p => 'given' }
show { 'two': }
