define outer { inner { "${title}-inner": } }
define inner { notify { "leaf-${title}": } }
outer { 'o1': }
outer { 'o2': }
