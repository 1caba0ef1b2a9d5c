class a { include foo; }
