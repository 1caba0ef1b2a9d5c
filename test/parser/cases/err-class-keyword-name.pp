define class() {}
