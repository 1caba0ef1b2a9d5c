notice('hello')
info('info')
warning('warn')
debug('dbg')
err('err')
$r = notice('returns')
notify { 'x': message => [$r] }
