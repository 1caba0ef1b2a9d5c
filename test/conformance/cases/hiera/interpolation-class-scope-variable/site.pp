class app ($greeting = lookup('app::greeting')) {
  notify { 'greet': message => $greeting }
}
$user = 'top'
include app
