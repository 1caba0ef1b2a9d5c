$top = 'top'
node default {
  $n = $facts['hostname']
  notify { 'x': message => "${top} ${n} ${trusted['certname']}" }
}
