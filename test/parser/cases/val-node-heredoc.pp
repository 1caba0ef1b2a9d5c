node @(E) {}
x
E
