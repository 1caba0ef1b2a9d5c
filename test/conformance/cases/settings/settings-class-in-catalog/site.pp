include settings
class x { }
include x
