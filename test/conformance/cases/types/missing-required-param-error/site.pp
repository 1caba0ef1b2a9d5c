class needs(String $required) { }
include needs
