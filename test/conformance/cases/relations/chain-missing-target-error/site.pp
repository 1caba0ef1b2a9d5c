notify { 'x': } -> Notify['missing']
