class holder { @notify { 'v': } d { 'x': } }
define d { notify { "in-${title}": } }
include holder
realize Notify['v']
