define d { include helper }
class helper { notify { 'helper': } }
class holder { d { 'x': } }
include holder
