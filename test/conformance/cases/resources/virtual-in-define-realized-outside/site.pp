define d { @notify { "v-${title}": } }
d { 'one': }
d { 'two': }
realize(Notify['v-two'])
