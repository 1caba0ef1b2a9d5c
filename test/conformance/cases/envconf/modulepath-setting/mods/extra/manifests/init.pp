class extra { notify { 'from-mods': } }
