define mymod::thing { notify { "thing-${title}": } }
