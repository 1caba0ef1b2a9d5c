define secret(Sensitive[String] $value) { file { "/tmp/${title}": content => $value } }
secret { 'pw': value => Sensitive('hunter2') }
