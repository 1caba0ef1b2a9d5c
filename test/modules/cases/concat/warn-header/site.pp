# Concat's warn header, default and custom, and formats.
concat { '/etc/default.conf':
  warn => true,
}
concat::fragment { 'default body':
  target  => '/etc/default.conf',
  content => "key=value\n",
}
concat { '/etc/custom.conf':
  warn   => "# custom header\n",
  format => 'json',
}
concat::fragment { 'custom body':
  target  => '/etc/custom.conf',
  content => '{"a": 1}',
}
