notify { 'x': message => [flatten([1, [2, [3, [4]]]]), flatten(1, [2]), flatten([]), [[1], [[2]]].flatten] }
