class later { $setting = 'late' }
class early {
  file { '/tmp/early': content => template('early/e.erb') }
}
include early
include later
