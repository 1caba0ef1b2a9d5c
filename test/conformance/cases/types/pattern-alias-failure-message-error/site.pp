type Hostname = Pattern[/\A[a-z0-9.-]+\z/]
class c(Hostname $h) { }
class { 'c': h => 'Not Valid!' }
