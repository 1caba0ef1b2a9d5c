class a { include b include c::d }
class b { include c::d }
class c::d { }
class z { }
include z
include a
