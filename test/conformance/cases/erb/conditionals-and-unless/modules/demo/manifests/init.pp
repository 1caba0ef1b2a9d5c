class demo (Boolean $ssl = false, Integer $workers = 2, String $flavor = 'prod') {
  $cert = '/etc/ssl/certs/site.pem'
  file { '/etc/nginx/nginx.conf': content => template('demo/nginx.conf.erb') }
}
