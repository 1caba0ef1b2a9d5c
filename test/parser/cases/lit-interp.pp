notice("x${a}y $b z ${c[1]} ${d.foo} ${e(1)} ${f + 1} ${::g} $h::i ${1} $0")
