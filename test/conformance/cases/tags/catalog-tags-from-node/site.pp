node default { include x }
class x { notify { 'y': tag => 'z' } }
