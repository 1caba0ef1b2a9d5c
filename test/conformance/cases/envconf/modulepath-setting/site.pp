include extra
