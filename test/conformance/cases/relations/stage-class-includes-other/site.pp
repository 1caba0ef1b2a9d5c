stage { 'pre': before => Stage['main'] }
class helper { notify { 'helper': } }
class early { include helper notify { 'early': } }
class { 'early': stage => 'pre' }
