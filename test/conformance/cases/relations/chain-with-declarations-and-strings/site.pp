notify { 'x': } -> Notify['y']
notify { 'y': }
