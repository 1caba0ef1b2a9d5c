$a = []
unless $a { notify { 'empty-array-is-truthy-so-not-here': } }
if $a { notify { 'empty-array-truthy': } }
