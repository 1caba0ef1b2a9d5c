stage { 'first': before => Stage['main'] }
stage { 'last': }
Stage['main'] -> Stage['last']
class early { notify { 'early': } }
class late { notify { 'late': } }
class normal { notify { 'normal': } }
class { 'early': stage => 'first' }
class { 'late': stage => last }
include normal
