class extra { notify { 'from-modules': } }
