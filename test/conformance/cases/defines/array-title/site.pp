define item { notify { "item-${title}": } }
item { ['x', 'y', 'z']: }
