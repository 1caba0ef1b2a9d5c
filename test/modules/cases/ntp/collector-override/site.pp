# A collector overriding the module's resources, resource defaults and a class in a stage.
stage { 'pre': before => Stage['main'] }
class { 'ntp':
  stage   => 'pre',
  servers => ['ntp.example.test'],
}
Package <| title == 'ntp' |> {
  ensure => 'latest',
}
File <| tag == 'ntp' |> {
  backup => false,
}
Service {
  hasrestart => true,
}
