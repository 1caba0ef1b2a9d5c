class present_class { }
define present::define { }
include present_class
notify { 'n': }
$v = 'x'
notify { 'x': message => [
  defined('present_class'), defined(Class['present_class']), defined('absent_class'),
  defined('present::define'), defined('notify'), defined('nosuchtype'), defined(Notify['n']), defined(Notify['m']),
  defined('$v'), defined('$nope'), defined(File), defined(Resource['notify', 'n']),
] }
