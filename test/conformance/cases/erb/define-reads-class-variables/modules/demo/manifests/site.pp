define demo::site ($index = "${title}.html") {
  file { "/etc/sites/${title}": content => template('demo/site.erb') }
}
