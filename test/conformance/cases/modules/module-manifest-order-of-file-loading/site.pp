include z
include a
