include mylib
