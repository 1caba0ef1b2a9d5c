class kid inherits nothere { }
include kid
