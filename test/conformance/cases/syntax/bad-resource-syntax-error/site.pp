notify 'x' { }
