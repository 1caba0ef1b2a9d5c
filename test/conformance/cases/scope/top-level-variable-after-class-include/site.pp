include c
$late = 'late'
class c { notify { 'x': message => "[${::late}]" } }
