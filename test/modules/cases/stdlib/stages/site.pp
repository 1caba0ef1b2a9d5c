# stdlib::stages declares the run stages; classes placed in them.
include stdlib
class early { notify { 'early': } }
class late { notify { 'late': } }
class { 'early': stage => 'setup' }
class { 'late': stage => 'deploy' }
notify { 'main': }
