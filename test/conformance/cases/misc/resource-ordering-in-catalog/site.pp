notify { 'z': }
notify { 'a': }
class c { notify { 'm': } }
include c
notify { 'b': }
