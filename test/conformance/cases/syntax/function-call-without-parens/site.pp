include foo
class foo { notify { 'x': } }
notice 'statement call'
