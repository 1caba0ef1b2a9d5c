class a { notify { 'a': } }
class b { notify { 'b': } }
class holder { include a contain b }
include holder
