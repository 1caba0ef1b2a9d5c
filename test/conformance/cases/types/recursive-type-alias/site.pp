type Tree = Variant[Integer, Array[Tree]]
notify { 'x': message => [[1, [2, [3]]] =~ Tree, [1, ['a']] =~ Tree] }
