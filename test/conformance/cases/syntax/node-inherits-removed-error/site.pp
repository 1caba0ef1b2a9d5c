node 'base' { }
node default inherits 'base' { }
