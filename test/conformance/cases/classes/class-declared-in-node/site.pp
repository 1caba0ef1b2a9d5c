node default { include web }
class web { notify { 'web': } }
