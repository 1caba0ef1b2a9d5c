class z { notify { 'z': } }
