$top = 'top-value'
class show { notify { 'from-class': message => "${top} ${::top} ${$::top}" } }
include show
