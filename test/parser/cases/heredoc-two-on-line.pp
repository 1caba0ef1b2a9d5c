foo(@(A), @(B))
first
A
second
B
notice(1)
