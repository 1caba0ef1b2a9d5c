class x { } class y { }
class z { require x, y }
include z
